"""The snapshot of a body's progress report: its issues with their stances and history, its
meetings and decisions, the status chart and the stakeholder tables.

Its body tree and held meetings are read once into a ReportScope; each part of the report
is then built by a function of its own, in a fixed number of queries (tests pin the count).
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from apps.core import jdates
from apps.deliberation.models import SETTLED_STATUSES, Assignment, Issue, IssueStatus, Position, ProgressNote
from apps.directory.models import Body
from apps.meetings.models import Attendance, Decision, Meeting, Statement

from .formatting import (
    ATTENDANCE_HEADINGS,
    era_datetime_range,
    host_ministry_name,
    meeting_heading,
    meeting_label,
    venue_label,
)
from .publication import draws_on_published_minutes_only
from .stakeholders import stakeholder_tables

STATUS_LABELS = dict(IssueStatus.choices)
STANCE_LABELS = dict(Position.Stance.choices)


@dataclass(frozen=True)
class ReportScope:
    """The body a report is about, its tree, and the meetings held in that tree in date order."""

    body: Body
    body_ids: set[int]
    meetings: list[Meeting]

    @cached_property
    def meetings_by_id(self) -> dict[int, Meeting]:
        return {meeting.pk: meeting for meeting in self.meetings}

    @cached_property
    def several_bodies(self) -> bool:
        return len({meeting.body_id for meeting in self.meetings}) > 1

    def label(self, meeting: Meeting | None) -> str:
        """Meetings are named with their body only where several bodies' meetings appear."""
        return meeting_label(meeting, with_body=self.several_bodies)


def _scope(body_id: int) -> ReportScope:
    body = Body.objects.select_related("host__parent__parent").get(pk=body_id)
    body_ids = body.descendant_ids()
    meetings = (
        Meeting.objects.filter(body_id__in=body_ids, status=Meeting.Status.HELD)
        .select_related("body")
        .order_by("starts_at", "id")
    )
    return ReportScope(body=body, body_ids=body_ids, meetings=list(meetings))


def _issues(body_ids: set[int]) -> list[Issue]:
    """The issues of the tree in code order, with assignments, positions (and their statements) and notes."""
    statements_in_order = Statement.objects.order_by("agenda_item__meeting__starts_at", "agenda_item__order", "order")
    positions = (
        Position.objects.select_related("organization", "person", "meeting__body")
        .prefetch_related(Prefetch("statements", queryset=statements_in_order))
        .order_by("meeting__starts_at", "id")
    )
    assignments = Assignment.objects.select_related("task_group").order_by("-assigned_in__starts_at", "-id")
    notes = ProgressNote.objects.order_by("meeting__starts_at", "created", "id")
    return list(
        Issue.objects.filter(body_id__in=body_ids)
        .select_related("body", "raised_in__body", "resolved_in__body")
        .prefetch_related(
            Prefetch("assignments", queryset=assignments),
            Prefetch("positions", queryset=positions),
            Prefetch("progress_notes", queryset=notes),
        )
        .order_by(*Issue.code_order())
    )


def _last_tagged_meeting(issues: list[Issue], scope: ReportScope) -> dict[int, int]:
    """Issue id → the latest held meeting in which a statement tagged to it was made."""
    meetings_by_id = scope.meetings_by_id
    latest: dict[int, int] = {}
    tagged = Statement.objects.filter(taggings__issue__in=issues).values_list(
        "taggings__issue_id", "agenda_item__meeting_id"
    )
    for issue_id, meeting_id in tagged.distinct():
        meeting = meetings_by_id.get(meeting_id)
        known = meetings_by_id.get(latest.get(issue_id, 0))
        if meeting and (known is None or meeting.starts_at > known.starts_at):
            latest[issue_id] = meeting_id
    return latest


def _holder_name(position: Position) -> str:
    if position.organization is not None:
        return position.organization.name
    return position.person.full_name if position.person is not None else ""


def _stances(issue: Issue, scope: ReportScope) -> list[dict[str, Any]]:
    """Each holder's positions on the issue, meeting by meeting, with the statements behind them."""
    by_holder: dict[str, list[dict[str, Any]]] = {}
    for position in issue.positions.all():
        by_holder.setdefault(_holder_name(position), []).append(
            {
                "meeting": scope.label(position.meeting),
                "stance": str(STANCE_LABELS[position.stance]),
                "stance_code": position.stance,
                "summary": position.summary,
                "statements": [{"speaker": s.speaker_label, "text": s.text} for s in position.statements.all()],
            }
        )
    return [{"holder": holder, "positions": rows} for holder, rows in by_holder.items()]


def _issue_row(issue: Issue, scope: ReportScope, last_tagged_meeting_id: int | None) -> dict[str, Any]:
    meetings_by_id = scope.meetings_by_id
    assignment = next((a for a in issue.assignments.all() if a.status == Assignment.Status.ACTIVE), None)
    notes = list(issue.progress_notes.all())
    discussed = [last_tagged_meeting_id, *(p.meeting_id for p in issue.positions.all()), *(n.meeting_id for n in notes)]
    last_discussed = max(
        (meetings_by_id[m] for m in discussed if m in meetings_by_id), key=lambda m: m.starts_at, default=None
    )
    return {
        "code": issue.code,
        "title": issue.title,
        "description": issue.description,
        "status": str(STATUS_LABELS[issue.status]),
        "status_code": issue.status,
        "body": issue.body.name,
        "owner": assignment.task_group.name if assignment else "",
        "due": jdates.format_era_date(assignment.due_on, weekday=False) if assignment and assignment.due_on else "",
        "overdue": assignment is not None and assignment.is_overdue(),
        "raised_in": scope.label(issue.raised_in),
        "resolved_in": scope.label(issue.resolved_in),
        "last_discussed": scope.label(last_discussed),
        "stances": _stances(issue, scope),
        "notes": [
            {
                "meeting": scope.label(meetings_by_id.get(n.meeting_id or 0)),
                "text": n.text,
                "status": str(STATUS_LABELS[n.status_after]),
            }
            for n in notes
        ],
    }


def _status_history(issue: Issue, meetings: list[Meeting]) -> dict[int, str]:
    """The status of an issue as it stood after each meeting (absent before it was raised)."""
    events: dict[int, str] = {}
    if issue.raised_in_id:
        events[issue.raised_in_id] = IssueStatus.OPEN
    for note in issue.progress_notes.all():
        if note.meeting_id:
            events[note.meeting_id] = note.status_after
    if issue.resolved_in_id and issue.resolved_in_id not in events:
        events[issue.resolved_in_id] = IssueStatus.RESOLVED
    if not events and meetings:
        # Nothing recorded per meeting: the issue has its current status throughout.
        return {meeting.pk: issue.status for meeting in meetings}
    history: dict[int, str] = {}
    current: str | None = None
    for meeting in meetings:
        current = events.get(meeting.pk, current)
        if current is not None:
            history[meeting.pk] = current
    return history


def _status_chart(issues: list[Issue], scope: ReportScope) -> dict[str, Any]:
    """How many issues stood in each status after each meeting."""
    meetings = scope.meetings
    histories = [_status_history(issue, meetings) for issue in issues]
    return {
        "meetings": [
            f"{m.body.short_name or m.body.name}\n" * scope.several_bodies + f"第{m.number}回" for m in meetings
        ],
        "statuses": [{"code": code, "label": str(label)} for code, label in IssueStatus.choices],
        "counts": {
            code: [sum(1 for h in histories if h.get(m.pk) == code) for m in meetings]
            for code, _label in IssueStatus.choices
        },
    }


def _meeting_rows(scope: ReportScope) -> list[dict[str, Any]]:
    """Each held meeting: heading, date, venue and how many attended in each category."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    present = Attendance.objects.filter(meeting__in=scope.meetings).exclude(presence=Attendance.Presence.ABSENT)
    for meeting_id, category in present.values_list("meeting_id", "category"):
        counts[meeting_id][category] += 1
    category_labels = {c: (h or host_ministry_name(scope.body)) for c, h in ATTENDANCE_HEADINGS}
    return [
        {
            "label": scope.label(m),
            "heading": meeting_heading(m),
            "when": era_datetime_range(m.starts_at, m.ends_at),
            "venue": venue_label(m),
            "attendance": [
                {"category": str(category_labels[c]), "count": counts[m.pk][c]}
                for c, _h in ATTENDANCE_HEADINGS
                if counts[m.pk].get(c)
            ],
        }
        for m in scope.meetings
    ]


def _decisions(scope: ReportScope) -> list[dict[str, Any]]:
    meetings_by_id = scope.meetings_by_id
    decision_kinds = dict(Decision.Kind.choices)
    decisions = (
        Decision.objects.filter(agenda_item__meeting__in=scope.meetings)
        .select_related("agenda_item")
        .order_by("agenda_item__meeting__starts_at", "agenda_item__order", "id")
    )
    return [
        {
            "meeting": scope.label(meetings_by_id.get(d.agenda_item.meeting_id)),
            "agenda": f"{d.agenda_item.number_label} {d.agenda_item.title}".strip(),
            "kind": str(decision_kinds[d.kind]),
            "text": d.text,
        }
        for d in decisions
    ]


@translation.override("ja")
def progress_report_snapshot(body_id: int) -> dict[str, Any]:
    """Everything the progress report of a body prints: its issues, stances, meetings, decisions."""
    scope = _scope(body_id)
    issues = _issues(scope.body_ids)
    last_tagged = _last_tagged_meeting(issues, scope)
    rows = [(issue, _issue_row(issue, scope, last_tagged.get(issue.pk))) for issue in issues]
    last = scope.meetings[-1] if scope.meetings else None
    open_statuses = [code for code in IssueStatus.values if code not in SETTLED_STATUSES]
    return {
        "body_id": scope.body.pk,
        "published_only": draws_on_published_minutes_only(scope.meetings, issues),
        "title": f"{scope.body.name} 検討状況報告",
        "as_of": f"{scope.label(last)}時点" if last else "",
        "open_issues": [row for issue, row in rows if issue.status not in SETTLED_STATUSES],
        "closed_issues": [row for issue, row in rows if issue.status in SETTLED_STATUSES],
        "meetings": _meeting_rows(scope),
        "decisions": _decisions(scope),
        "chart": _status_chart(issues, scope),
        "matrix_tables": stakeholder_tables(scope.body_ids, open_statuses, STANCE_LABELS),
    }
