"""Reads of the minutes workflow shared by the portal, the API and the reports."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

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


HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def _describe(record, label: object) -> str:
    return f"{label}: {HISTORY_TYPES.get(record.history_type, record.history_type)}"


def minutes_timeline(*, minutes: Minutes, limit: int = 200) -> list[TimelineEntry]:
    """Every recorded step of the minutes, newest first: who did what, and when."""
    meeting_id = minutes.meeting_id
    sources = [
        (Minutes.history.filter(id=minutes.pk), _("minutes"), lambda h: h.get_status_display()),
        (
            ReviewRequest.history.filter(minutes_id=minutes.pk).select_related("reviewer"),
            _("review request"),
            lambda h: f"{h.reviewer}: {h.get_status_display()}",
        ),
        (
            Suggestion.history.filter(statement__agenda_item__meeting_id=meeting_id),
            _("suggestion"),
            lambda h: f"#{h.id} {h.get_status_display()}: {h.proposed_text[:60]}",
        ),
        (
            ReviewApproval.history.filter(review_request__minutes_id=minutes.pk),
            _("approval"),
            lambda h: f"#{h.statement_id} v{h.statement_version}",
        ),
        (
            Statement.history.filter(agenda_item__meeting_id=meeting_id),
            _("statement"),
            lambda h: f"【{h.speaker_label}】v{h.version} {h.text[:60]}",
        ),
        (Erratum.history.filter(minutes_id=minutes.pk), _("erratum"), lambda h: f"{h.location} {h.correct_text[:60]}"),
    ]
    entries = []
    for queryset, label, detail in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            entries.append(
                TimelineEntry(record.history_date, record.history_user, _describe(record, label), detail(record))
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
