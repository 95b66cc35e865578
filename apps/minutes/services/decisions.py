"""The secretariat's decisions: suggestions, direct edits, approval, publication and errata."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.access.permissions import AnyUser
from apps.meetings.models import Meeting, Statement

from ..errors import StaleEditError, WorkflowError
from ..models import Erratum, Minutes, ReviewApproval, ReviewRequest, Suggestion
from .common import Status, locked, minutes_for_meeting, require, require_status, save_checked
from .review import approve_statement, refresh_request_status

# --- the secretariat's decisions ----------------------------------------------------------


def _secretariat_suggestion_step(suggestion: Suggestion, by: AnyUser, doing: str) -> Suggestion:
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("review_request", "statement")
        .get(pk=suggestion.pk)
    )
    minutes = locked(suggestion.review_request.minutes) if suggestion.review_request else None
    if minutes is None:
        minutes = locked(suggestion.statement.agenda_item.meeting.minutes)
    require(permissions.can_manage_minutes(by, minutes.meeting), _("Only the secretariat may decide on suggestions."))
    require_status(minutes, Status.IN_REVIEW, doing=doing)
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
    save_checked(statement, by)
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_at = timezone.now()
    save_checked(suggestion, by)
    if suggestion.review_request is not None:
        # The reviewer proposed exactly this text: it counts as their approval.
        approve_statement(suggestion.review_request, statement, by)
        refresh_request_status(suggestion.review_request, by)
    return statement


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, by: AnyUser) -> Suggestion:
    """The statement stays as it is; the reviewer is asked again (approve or propose anew)."""
    suggestion = _secretariat_suggestion_step(suggestion, by, _("reject a suggestion"))
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.decided_at = timezone.now()
    save_checked(suggestion, by)
    if suggestion.review_request is not None:
        refresh_request_status(suggestion.review_request, by)
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
    require(permissions.can_manage_minutes(by, meeting), _("Only the secretariat may edit statements."))
    minutes = locked(minutes_for_meeting(meeting=meeting))
    require_status(minutes, Status.DRAFT, Status.IN_REVIEW, doing=_("edit a statement"))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise WorkflowError(_("A statement cannot be empty."), code="empty")
    statement.version = base_version  # the guard compares it with the stored version
    statement.text = text
    save_checked(statement, by)
    # The speaker approved the old wording: they are asked again.
    for approval in ReviewApproval.objects.filter(statement=statement).select_related("review_request"):
        approval.delete()
        refresh_request_status(approval.review_request, by)
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
    minutes = locked(minutes)
    meeting = minutes.meeting
    require(permissions.can_approve_minutes(by, meeting), _("Only the secretariat or the chair may approve minutes."))
    require_status(minutes, Status.IN_REVIEW, doing=_("approve the minutes"))
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
        require(
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
    save_checked(minutes, by)
    return minutes


@transaction.atomic
def minutes_publish(*, minutes: Minutes, by: AnyUser) -> Minutes:
    """Publish approved minutes; from now on the meeting record is frozen."""
    minutes = locked(minutes)
    require(permissions.can_manage_minutes(by, minutes.meeting), _("Only the secretariat may publish minutes."))
    require_status(minutes, Status.APPROVED, doing=_("publish the minutes"))
    minutes.status = Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.version += 1
    save_checked(minutes, by)
    return minutes


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
    minutes = locked(minutes)
    require(permissions.can_manage_minutes(by, minutes.meeting), _("Only the secretariat may add errata."))
    require_status(minutes, Status.PUBLISHED, doing=_("add an erratum"))
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
    save_checked(erratum, by)
    return erratum
