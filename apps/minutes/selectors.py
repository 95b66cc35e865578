"""Reads of the minutes workflow shared by the portal, the API and the reports."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from apps.access.permissions import AnyUser
from apps.meetings.models import AgendaItem, Meeting, Statement

from .models import Erratum, Minutes, ReviewApproval, ReviewRequest, Suggestion


def meeting_record(*, queryset: QuerySet | None = None) -> QuerySet:
    """Meetings with everything the record (HTML or PDF) prints, in a fixed number of queries."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    statements = Statement.objects.select_related("speaker", "speaker_organization").order_by("order", "id")
    items = AgendaItem.objects.order_by("order", "id").prefetch_related(
        "materials", "decisions", Prefetch("statements", queryset=statements)
    )
    return queryset.select_related("body", "minutes", "minutes__approved_in").prefetch_related(
        "attendances__person",
        "attendances__organization",
        "materials",
        Prefetch("agenda_items", queryset=items),
        Prefetch("minutes__errata", queryset=Erratum.objects.select_related("statement")),
    )


def review_requests_for(*, user: AnyUser) -> QuerySet:
    """The user's review requests, the open ones first by due date."""
    if not isinstance(user, User):  # visitors and API tokens review nothing
        return ReviewRequest.objects.none()
    return (
        ReviewRequest.objects.filter(reviewer__user=user)
        .select_related("minutes__meeting__body")
        .order_by("status", "due_on", "id")
    )


@dataclass
class StatementReviewState:
    statement: Statement
    is_own: bool
    approved: bool = False
    open_suggestion: Suggestion | None = None
    last_decided: Suggestion | None = None


def review_states(*, review_request: ReviewRequest) -> dict[int, StatementReviewState]:
    """For every statement of the reviewed meeting: is it the reviewer's, approved, corrected?"""
    own_ids = set(review_request.statements.values_list("pk", flat=True))
    approved_ids = set(
        ReviewApproval.objects.filter(review_request=review_request).values_list("statement_id", flat=True)
    )
    states = {}
    statements = Statement.objects.filter(agenda_item__meeting_id=review_request.minutes.meeting_id)
    for statement in statements.select_related("agenda_item"):
        states[statement.pk] = StatementReviewState(
            statement=statement, is_own=statement.pk in own_ids, approved=statement.pk in approved_ids
        )
    for suggestion in review_request.suggestions.order_by("created", "id"):
        state = states.get(suggestion.statement_id)
        if state is None:
            continue
        if suggestion.status == Suggestion.Status.OPEN:
            state.open_suggestion = suggestion
        else:
            state.last_decided = suggestion
    return states


@dataclass
class TimelineEntry:
    when: datetime
    who: User | None
    what: str
    detail: str


def _minutes_step(record) -> str:
    if record.history_type == "+":
        return _("The minutes were created as a draft.")
    return {
        Minutes.Status.DRAFT: _("The minutes went back to draft."),
        Minutes.Status.IN_REVIEW: _("The minutes were sent to the speakers for review."),
        Minutes.Status.APPROVED: _("The minutes were approved."),
        Minutes.Status.PUBLISHED: _("The minutes were published."),
    }.get(record.status, _("The minutes were changed."))


def _review_step(record) -> str:
    name = record.reviewer.full_name if record.reviewer else "—"
    if record.history_type == "+":
        return _("%(name)s was asked to review their statements.") % {"name": name}
    return _("The review of %(name)s is now: %(status)s.") % {"name": name, "status": record.get_status_display()}


def _suggestion_step(record) -> str:
    label = record.statement.speaker_label if record.statement else ""
    if record.history_type == "+":
        return _("A correction was proposed to the statement of %(speaker)s.") % {"speaker": label}
    return _("The correction to the statement of %(speaker)s is now: %(status)s.") % {
        "speaker": label,
        "status": record.get_status_display(),
    }


def _approval_step(record) -> str:
    label = record.statement.speaker_label if record.statement else ""
    if record.history_type == "-":
        return _("The approval of the statement of %(speaker)s was withdrawn (the text changed).") % {"speaker": label}
    return _("The statement of %(speaker)s was approved (version %(version)d).") % {
        "speaker": label,
        "version": record.statement_version,
    }


def _statement_step(record) -> str:
    if record.history_type == "+":
        return _("The statement of %(speaker)s was entered.") % {"speaker": record.speaker_label}
    return _("The statement of %(speaker)s was edited (now version %(version)d).") % {
        "speaker": record.speaker_label,
        "version": record.version,
    }


def _erratum_step(record) -> str:
    return _("An erratum was published for %(location)s.") % {"location": record.location or "—"}


def minutes_timeline(*, minutes: Minutes, limit: int = 200) -> list[TimelineEntry]:
    """Every recorded step of the minutes, newest first, as sentences: who did what, and when."""
    meeting_id = minutes.meeting_id
    sources = [
        (Minutes.history.filter(id=minutes.pk), _minutes_step, lambda h: ""),
        (
            ReviewRequest.history.filter(minutes_id=minutes.pk).select_related("reviewer"),
            _review_step,
            lambda h: "",
        ),
        (
            Suggestion.history.filter(statement__agenda_item__meeting_id=meeting_id).select_related("statement"),
            _suggestion_step,
            lambda h: h.proposed_text[:80],
        ),
        (
            ReviewApproval.history.filter(review_request__minutes_id=minutes.pk).select_related("statement"),
            _approval_step,
            lambda h: "",
        ),
        (Statement.history.filter(agenda_item__meeting_id=meeting_id), _statement_step, lambda h: h.text[:80]),
        (Erratum.history.filter(minutes_id=minutes.pk), _erratum_step, lambda h: h.correct_text[:80]),
    ]
    entries = []
    for queryset, describe, detail in sources:
        for record in queryset.select_related("history_user__person").order_by("-history_date")[:limit]:
            entries.append(TimelineEntry(record.history_date, record.history_user, describe(record), detail(record)))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
