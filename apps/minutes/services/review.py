"""Sending minutes for review, and each reviewer's answers: approvals and suggested corrections."""

import datetime as dt
from collections import defaultdict
from functools import partial

from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.access.permissions import AnyUser
from apps.core.jdates import format_era_date
from apps.meetings.models import Statement

from ..errors import StaleEditError, WorkflowError
from ..models import Minutes, ReviewApproval, ReviewRequest, Suggestion
from .common import Status, locked, require, require_status, save_checked

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
    minutes = locked(minutes)
    meeting = minutes.meeting
    require(permissions.can_manage_minutes(by, meeting), _("Only the secretariat may send minutes for review."))
    require_status(minutes, Status.DRAFT, doing=_("send the minutes for review"))
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
        save_checked(request, by)
        request.statements.set(speaker_statements)
        requests.append(request)

    minutes.status = Status.IN_REVIEW
    minutes.review_due_on = due_on
    save_checked(minutes, by)
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
    require(permissions.is_reviewer(by, request), _("Only the reviewer this request was sent to may answer it."))
    require_status(locked(request.minutes), Status.IN_REVIEW, doing=_("answer a review request"))
    if statement is not None and not request.statements.filter(pk=statement.pk).exists():
        raise WorkflowError(
            _("Statement %(speaker)s is not one of yours in this review.") % {"speaker": statement.speaker_label},
            code="not_yours",
        )
    return request


def refresh_request_status(request: ReviewRequest, by: AnyUser | None) -> None:
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
        save_checked(request, by)


def approve_statement(request: ReviewRequest, statement: Statement, by: AnyUser | None) -> None:
    approval, created = ReviewApproval.objects.get_or_create(
        review_request=request, statement=statement, defaults={"statement_version": statement.version}
    )
    if not created and approval.statement_version != statement.version:
        approval.statement_version = statement.version
        save_checked(approval, by)


@transaction.atomic
def review_approve_statement(*, review_request: ReviewRequest, statement: Statement, by: AnyUser) -> ReviewRequest:
    request = _reviewer_step(review_request, by, statement)
    if request.suggestions.filter(statement=statement, status=Suggestion.Status.OPEN).exists():
        raise WorkflowError(
            _("Your correction to this statement is waiting for the secretariat; it cannot also be approved."),
            code="open_suggestion",
        )
    approve_statement(request, statement, by)
    refresh_request_status(request, by)
    return request


@transaction.atomic
def review_approve_all(*, review_request: ReviewRequest, by: AnyUser) -> ReviewRequest:
    """Approve every statement of the request that has no open correction."""
    request = _reviewer_step(review_request, by)
    pending_ids = set(request.suggestions.filter(status=Suggestion.Status.OPEN).values_list("statement_id", flat=True))
    for statement in request.statements.exclude(pk__in=pending_ids):
        approve_statement(request, statement, by)
    refresh_request_status(request, by)
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
    save_checked(suggestion, by)
    request.approvals.filter(statement=statement).delete()
    refresh_request_status(request, by)
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
    require(
        permissions.can_manage_minutes(by, request.minutes.meeting),
        _("Only the secretariat may record a reviewer's approval."),
    )
    require_status(locked(request.minutes), Status.IN_REVIEW, doing=_("record a reviewer's approval"))
    if request.suggestions.filter(status=Suggestion.Status.OPEN).exists():
        raise WorkflowError(
            _("Decide on this reviewer's open suggestions before recording their approval."), code="open_suggestion"
        )
    for statement in request.statements.all():
        approve_statement(request, statement, by)
    refresh_request_status(request, by)
    return request
