"""Every step of the minutes workflow: draft → in_review → approved → published, then errata.

Each service checks who may act (apps.access.permissions) and whether the state allows the step,
and refuses with PermissionDenied or a WorkflowError whose message says what to do instead.
Writes carry `by` into django-simple-history, so the timeline shows who did what and when.
"""

import datetime as dt
from collections import defaultdict
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.access.permissions import AnyUser
from apps.core.jdates import format_era_date
from apps.core.locking import StaleEditError
from apps.meetings.models import Attendance, Meeting, Statement

from .errors import WorkflowError
from .models import Erratum, Minutes, ReviewApproval, ReviewRequest, Suggestion

Status = Minutes.Status


def _save(instance, by: AnyUser | None, **kwargs) -> None:
    instance._history_user = by
    instance.full_clean()
    instance.save(**kwargs)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_status(minutes: Minutes, *allowed: str, doing: str) -> None:
    if minutes.status not in allowed:
        raise WorkflowError(
            _("Cannot %(doing)s: the minutes are %(status)s (expected %(allowed)s).")
            % {
                "doing": doing,
                "status": minutes.get_status_display(),
                "allowed": " / ".join(str(Status(s).label) for s in allowed),
            },
            code="state",
        )


def _locked(minutes: Minutes) -> Minutes:
    """The minutes row, locked for this transaction, so two steps cannot interleave."""
    return Minutes.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=minutes.pk)


def minutes_for_meeting(*, meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


# --- sending for review -------------------------------------------------------------------


def _notify_reviewer(request: ReviewRequest, base_url: str) -> None:
    user = request.reviewer.user
    if user is None or not user.email:
        return
    meeting = request.minutes.meeting
    due = format_era_date(request.due_on) if request.due_on else "—"
    link = base_url.rstrip("/") + reverse("portal:review", args=[request.pk])
    body = (
        f"{request.reviewer.full_name} 様\n\n"
        f"{meeting} の議事要旨（案）について、ご発言部分のご確認をお願いいたします。\n"
        f"確認期限: {due}\n{link}\n\n"
        f"Please review your statements in the draft minutes of {meeting} by {request.due_on}.\n"
    )
    EmailMessage(f"【議事要旨確認のお願い】{meeting}", body, to=[user.email]).send()


@transaction.atomic
def minutes_send_for_review(
    *, minutes: Minutes, due_on: dt.date, by: AnyUser, base_url: str = ""
) -> list[ReviewRequest]:
    """One ReviewRequest per speaker, covering exactly their own statements; each is emailed."""
    minutes = _locked(minutes)
    meeting = minutes.meeting
    _require(permissions.can_manage_minutes(by, meeting), _("Only the secretariat may send minutes for review."))
    _require_status(minutes, Status.DRAFT, doing=_("send the minutes for review"))
    if due_on < timezone.localdate():
        raise WorkflowError(_("The review due date %(due)s is in the past.") % {"due": due_on}, code="due_on")

    by_speaker: dict[int, list[Statement]] = defaultdict(list)
    statements = Statement.objects.filter(agenda_item__meeting=meeting, speaker__isnull=False)
    for statement in statements.select_related("speaker__user"):
        if statement.speaker_id is not None:
            by_speaker[statement.speaker_id].append(statement)
    if not by_speaker:
        raise WorkflowError(
            _("No statement of this meeting is linked to a speaker; link speakers to people before review."),
            code="no_speakers",
        )

    requests = []
    for speaker_statements in by_speaker.values():
        request = ReviewRequest(minutes=minutes, reviewer=speaker_statements[0].speaker, due_on=due_on)
        _save(request, by)
        request.statements.set(speaker_statements)
        requests.append(request)

    minutes.status = Status.IN_REVIEW
    minutes.review_due_on = due_on
    _save(minutes, by)
    for request in requests:
        transaction.on_commit(partial(_notify_reviewer, request, base_url))
    return requests


# --- the reviewer's answers ---------------------------------------------------------------


def _reviewer_step(review_request: ReviewRequest, by: AnyUser, statement: Statement | None = None) -> ReviewRequest:
    request = (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("minutes__meeting", "reviewer")
        .get(pk=review_request.pk)
    )
    _require(permissions.is_reviewer(by, request), _("Only the reviewer this request was sent to may answer it."))
    _require_status(_locked(request.minutes), Status.IN_REVIEW, doing=_("answer a review request"))
    if statement is not None and not request.statements.filter(pk=statement.pk).exists():
        raise WorkflowError(
            _("Statement %(speaker)s is not one of yours in this review.") % {"speaker": statement.speaker_label},
            code="not_yours",
        )
    return request


def _refresh_request_status(request: ReviewRequest, by: AnyUser | None) -> None:
    """approved when every statement is approved; changes_requested while a suggestion is open."""
    statement_ids = set(request.statements.values_list("pk", flat=True))
    approved_ids = set(request.approvals.values_list("statement_id", flat=True))
    if statement_ids <= approved_ids:
        status = ReviewRequest.Status.APPROVED
    elif request.suggestions.filter(status=Suggestion.Status.OPEN).exists():
        status = ReviewRequest.Status.CHANGES_REQUESTED
    else:
        status = ReviewRequest.Status.PENDING
    if status != request.status:
        request.status = status
        request.responded_at = timezone.now()
        _save(request, by)


def _approve(request: ReviewRequest, statement: Statement, by: AnyUser | None) -> None:
    approval, created = ReviewApproval.objects.get_or_create(
        review_request=request, statement=statement, defaults={"statement_version": statement.version}
    )
    if not created and approval.statement_version != statement.version:
        approval.statement_version = statement.version
        _save(approval, by)


@transaction.atomic
def review_approve_statement(*, review_request: ReviewRequest, statement: Statement, by: AnyUser) -> ReviewRequest:
    request = _reviewer_step(review_request, by, statement)
    if request.suggestions.filter(statement=statement, status=Suggestion.Status.OPEN).exists():
        raise WorkflowError(
            _("Your correction to this statement is waiting for the secretariat; it cannot also be approved."),
            code="open_suggestion",
        )
    _approve(request, statement, by)
    _refresh_request_status(request, by)
    return request


@transaction.atomic
def review_approve_all(*, review_request: ReviewRequest, by: AnyUser) -> ReviewRequest:
    """Approve every statement of the request that has no open correction."""
    request = _reviewer_step(review_request, by)
    pending_ids = set(request.suggestions.filter(status=Suggestion.Status.OPEN).values_list("statement_id", flat=True))
    for statement in request.statements.exclude(pk__in=pending_ids):
        _approve(request, statement, by)
    _refresh_request_status(request, by)
    return request


@transaction.atomic
def suggestion_propose(
    *,
    review_request: ReviewRequest,
    statement: Statement,
    proposed_text: str,
    base_version: int,
    by: AnyUser,
    comment: str = "",
) -> Suggestion:
    request = _reviewer_step(review_request, by, statement)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    proposed_text = proposed_text.replace("\r\n", "\n").strip()
    if not proposed_text:
        raise WorkflowError(_("The proposed text is empty."), code="empty")
    if proposed_text == statement.text.strip():
        raise WorkflowError(_("The proposed text is the same as the current text."), code="unchanged")
    if base_version != statement.version:
        raise StaleEditError(
            _(
                "The statement changed while you were writing (you saw version %(yours)d, it is now "
                "version %(current)d). Reload the page and propose your correction again."
            )
            % {"yours": base_version, "current": statement.version},
            code="stale",
        )
    if request.suggestions.filter(statement=statement, status=Suggestion.Status.OPEN).exists():
        raise WorkflowError(
            _("You already proposed a correction to this statement; the secretariat has not decided on it yet."),
            code="open_suggestion",
        )
    suggestion = Suggestion(
        review_request=request,
        statement=statement,
        base_version=base_version,
        original_text=statement.text,
        proposed_text=proposed_text,
        comment=comment.strip(),
    )
    _save(suggestion, by)
    request.approvals.filter(statement=statement).delete()
    _refresh_request_status(request, by)
    return suggestion


@transaction.atomic
def review_record_approval(*, review_request: ReviewRequest, by: AnyUser) -> ReviewRequest:
    """The secretariat records a reviewer's approval received outside the portal (mail, phone).

    The history names the secretariat as the one who recorded it.
    """
    request = (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("minutes__meeting__body")
        .get(pk=review_request.pk)
    )
    _require(
        permissions.can_manage_minutes(by, request.minutes.meeting),
        _("Only the secretariat may record a reviewer's approval."),
    )
    _require_status(_locked(request.minutes), Status.IN_REVIEW, doing=_("record a reviewer's approval"))
    if request.suggestions.filter(status=Suggestion.Status.OPEN).exists():
        raise WorkflowError(
            _("Decide on this reviewer's open suggestions before recording their approval."), code="open_suggestion"
        )
    for statement in request.statements.all():
        _approve(request, statement, by)
    _refresh_request_status(request, by)
    return request


# --- the secretariat's decisions ----------------------------------------------------------


def _secretariat_suggestion_step(suggestion: Suggestion, by: AnyUser, doing: str) -> Suggestion:
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("review_request", "statement")
        .get(pk=suggestion.pk)
    )
    minutes = _locked(suggestion.review_request.minutes) if suggestion.review_request else None
    if minutes is None:
        minutes = _locked(suggestion.statement.agenda_item.meeting.minutes)
    _require(permissions.can_manage_minutes(by, minutes.meeting), _("Only the secretariat may decide on suggestions."))
    _require_status(minutes, Status.IN_REVIEW, doing=doing)
    if suggestion.status != Suggestion.Status.OPEN:
        raise WorkflowError(
            _("This suggestion was already %(status)s.") % {"status": suggestion.get_status_display()},
            code="decided",
        )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by: AnyUser) -> Statement:
    """The statement takes the proposed text (its history keeps the old one)."""
    suggestion = _secretariat_suggestion_step(suggestion, by, _("accept a suggestion"))
    statement = Statement.objects.select_for_update().get(pk=suggestion.statement_id)
    if statement.version != suggestion.base_version:
        raise StaleEditError(
            _(
                "The statement has changed since this correction was proposed (version %(base)d, now "
                "%(current)d). Reject it and ask the reviewer to propose again, or edit the statement."
            )
            % {"base": suggestion.base_version, "current": statement.version},
            code="stale",
        )
    statement.text = suggestion.proposed_text
    statement._change_reason = f"suggestion #{suggestion.pk}"  # type: ignore[attr-defined]
    _save(statement, by)
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_at = timezone.now()
    _save(suggestion, by)
    if suggestion.review_request is not None:
        # The reviewer proposed exactly this text: it counts as their approval.
        _approve(suggestion.review_request, statement, by)
        _refresh_request_status(suggestion.review_request, by)
    return statement


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, by: AnyUser) -> Suggestion:
    """The statement stays as it is; the reviewer is asked again (approve or propose anew)."""
    suggestion = _secretariat_suggestion_step(suggestion, by, _("reject a suggestion"))
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.decided_at = timezone.now()
    _save(suggestion, by)
    if suggestion.review_request is not None:
        _refresh_request_status(suggestion.review_request, by)
    return suggestion


@transaction.atomic
def statement_update(*, statement: Statement, text: str, base_version: int, by: AnyUser) -> Statement:
    """The secretariat edits a statement of a draft; an edit based on a stale version is refused."""
    statement = (
        Statement.objects.select_for_update(of=("self",))
        .select_related("agenda_item__meeting__body")
        .get(pk=statement.pk)
    )
    meeting = statement.agenda_item.meeting
    _require(permissions.can_manage_minutes(by, meeting), _("Only the secretariat may edit statements."))
    minutes = _locked(minutes_for_meeting(meeting=meeting))
    _require_status(minutes, Status.DRAFT, Status.IN_REVIEW, doing=_("edit a statement"))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise WorkflowError(_("A statement cannot be empty."), code="empty")
    statement.version = base_version  # the guard compares it with the stored version
    statement.text = text
    _save(statement, by)
    # The speaker approved the old wording: they are asked again.
    for approval in ReviewApproval.objects.filter(statement=statement).select_related("review_request"):
        approval.delete()
        _refresh_request_status(approval.review_request, by)
    return statement


@transaction.atomic
def minutes_approve(
    *,
    minutes: Minutes,
    by: AnyUser,
    approved_in: Meeting | None = None,
    despite_pending: bool = False,
) -> Minutes:
    """Approve when every review is approved, or — the secretariat's call — once the due date has passed."""
    minutes = _locked(minutes)
    meeting = minutes.meeting
    _require(permissions.can_approve_minutes(by, meeting), _("Only the secretariat or the chair may approve minutes."))
    _require_status(minutes, Status.IN_REVIEW, doing=_("approve the minutes"))
    if Suggestion.objects.filter(review_request__minutes=minutes, status=Suggestion.Status.OPEN).exists():
        raise WorkflowError(_("Decide on every open suggestion before approving."), code="open_suggestions")
    pending = list(minutes.review_requests.exclude(status=ReviewRequest.Status.APPROVED).select_related("reviewer"))
    if pending:
        names = "、".join(r.reviewer.full_name for r in pending)
        if not despite_pending:
            raise WorkflowError(
                _("%(count)d review(s) are not approved yet: %(names)s.") % {"count": len(pending), "names": names},
                code="pending_reviews",
            )
        _require(
            permissions.can_manage_minutes(by, meeting),
            _("Only the secretariat may approve minutes with reviews outstanding."),
        )
        if minutes.review_due_on is None or timezone.localdate() <= minutes.review_due_on:
            raise WorkflowError(
                _("The review due date (%(due)s) has not passed; reviews outstanding: %(names)s.")
                % {"due": minutes.review_due_on, "names": names},
                code="not_due",
            )
    if approved_in is not None and (
        approved_in.body_id != meeting.body_id or approved_in.starts_at <= meeting.starts_at
    ):
        raise WorkflowError(_("Minutes are confirmed by a later meeting of the same body."), code="approved_in")
    minutes.status = Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_in = approved_in
    _save(minutes, by)
    return minutes


@transaction.atomic
def minutes_publish(*, minutes: Minutes, by: AnyUser) -> Minutes:
    """Publish approved minutes; from now on the meeting record is frozen."""
    minutes = _locked(minutes)
    _require(permissions.can_manage_minutes(by, minutes.meeting), _("Only the secretariat may publish minutes."))
    _require_status(minutes, Status.APPROVED, doing=_("publish the minutes"))
    _freeze_attendee_names(minutes.meeting)
    minutes.status = Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.version += 1
    _save(minutes, by)
    return minutes


def _freeze_attendee_names(meeting: Meeting) -> None:
    """Published minutes keep the names as printed, whatever the directory says later."""
    attendances = list(meeting.attendances.select_related("person", "organization"))
    for attendance in attendances:
        attendance.name_label = attendance.printed_name()
    Attendance.objects.bulk_update(attendances, ["name_label"])


@transaction.atomic
def erratum_add(
    *,
    minutes: Minutes,
    correct_text: str,
    by: AnyUser,
    wrong_text: str = "",
    location: str = "",
    statement: Statement | None = None,
    published_on: dt.date | None = None,
) -> Erratum:
    """A correction to published minutes, dated; the minutes themselves stay as published."""
    minutes = _locked(minutes)
    _require(permissions.can_manage_minutes(by, minutes.meeting), _("Only the secretariat may add errata."))
    _require_status(minutes, Status.PUBLISHED, doing=_("add an erratum"))
    if statement is not None and statement.agenda_item.meeting_id != minutes.meeting_id:
        raise WorkflowError(_("The statement is not part of these minutes."), code="statement")
    if not correct_text.strip():
        raise WorkflowError(_("An erratum needs the correct text."), code="empty")
    if not location and statement is not None:
        location = f"{statement.agenda_item.number_label}【{statement.speaker_label}】"
    erratum = Erratum(
        minutes=minutes,
        statement=statement,
        published_on=published_on or timezone.localdate(),
        location=location,
        wrong_text=wrong_text.strip(),
        correct_text=correct_text.strip(),
    )
    _save(erratum, by)
    return erratum
