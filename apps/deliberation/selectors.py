"""Reads of the issue register shared by the portal, the API and the progress report.

Every function here runs a fixed number of queries, whatever the number of issues,
organizations or statements (tests pin the counts).
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from apps.access.permissions import AnyUser, visible_issues, visible_meetings, visible_positions
from apps.directory.models import Body, Organization
from apps.meetings.models import Meeting, Statement

from .models import Assignment, Issue, IssueStatement, IssueStatus, Position, ProgressNote
from .ngrams import content_bigrams
from .search import statement_search  # noqa: F401 (apps.demo.register imports it from here)

# Issues still on the table: offered for the agenda of the body's next meeting.
CARRIED_STATUSES = (IssueStatus.OPEN, IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS)


# ---------------------------------------------------------------------------- register


def issue_register(*, body: Body, statuses: list[str] | None = None, user: AnyUser | None = None) -> QuerySet[Issue]:
    """Issues of a body in code order, with their tagged-statement count and active assignments.

    With `user`, only the issues that user may see (apps.access.permissions.visible_issues).
    """
    issues = Issue.objects.filter(body=body)
    if user is not None:
        issues = visible_issues(user, issues)
    if statuses:
        issues = issues.filter(status__in=statuses)
    active = Assignment.objects.filter(status=Assignment.Status.ACTIVE).select_related("task_group", "report_back")
    return (
        issues.select_related("raised_in", "resolved_in")
        .annotate(statement_count=Count("taggings", distinct=True))
        .prefetch_related(Prefetch("assignments", queryset=active, to_attr="active_assignments"))
        .order_by(*Issue.code_order())
    )


def carry_over_candidates(*, meeting: Meeting) -> QuerySet[Issue]:
    """Open, assigned and in-progress issues of the meeting's body raised before it and not yet on its agenda."""
    return (
        Issue.objects.filter(body_id=meeting.body_id, status__in=CARRIED_STATUSES)
        .filter(Q(raised_in__isnull=True) | Q(raised_in__starts_at__lt=meeting.starts_at))
        .exclude(progress_notes__meeting=meeting)
        .select_related("raised_in")
        .order_by(*Issue.code_order())
    )


def overdue_assignments(
    *, body: Body | None = None, today: date | None = None, user: AnyUser | None = None
) -> QuerySet[Assignment]:
    """Active assignments of unresolved issues past their due date, oldest due first.

    Within a body's tree if given; with `user`, only of issues that user may see.
    """
    assignments = Assignment.objects.overdue(today=today)
    if user is not None:
        assignments = assignments.filter(issue__in=visible_issues(user))
    if body is not None:
        assignments = assignments.filter(issue__body_id__in=body.descendant_ids())
    return assignments.select_related("issue", "issue__body", "task_group", "report_back").order_by("due_on", "id")


# ---------------------------------------------------------------------------- matrix


@dataclass(frozen=True)
class MatrixCell:
    position: Position

    @property
    def stance(self) -> str:
        return self.position.stance

    @property
    def meeting(self) -> Meeting:
        return self.position.meeting


@dataclass
class StakeholderMatrix:
    """Issues as rows, organizations as columns, each cell the organization's latest position."""

    body: Body
    issues: list[Issue]
    organizations: list[Organization]
    cells: dict[tuple[int, int], MatrixCell] = field(default_factory=dict)

    def cell(self, issue: Issue, organization: Organization) -> MatrixCell | None:
        return self.cells.get((issue.pk, organization.pk))

    def rows(self) -> list[tuple[Issue, list[MatrixCell | None]]]:
        return [(issue, [self.cell(issue, org) for org in self.organizations]) for issue in self.issues]


_ORGANIZATION_KIND_ORDER = {kind: i for i, kind in enumerate(Organization.Kind.values)}
_LEGAL_FORMS = re.compile(r"株式会社|有限会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人")


def _column_order(organization: Organization) -> tuple:
    """Operators before MVNOs before the rest, then by name without 株式会社 and the like."""
    kind = _ORGANIZATION_KIND_ORDER.get(organization.kind, 99)
    return (kind, _LEGAL_FORMS.sub("", organization.name_normalized), organization.pk)


def stakeholder_matrix(
    *,
    body: Body,
    as_of: Meeting | None = None,
    statuses: list[str] | None = None,
    user: AnyUser | None = None,
) -> StakeholderMatrix:
    """The body's stakeholder matrix in two queries, whatever its size.

    `as_of` ignores positions of later meetings. With `user`, only issues and positions that
    user may see (the permission checks add a fixed number of queries).
    """
    issues = Issue.objects.filter(body=body).order_by(*Issue.code_order())
    positions = Position.objects.filter(issue__body=body, organization__isnull=False)
    if user is not None:
        issues = visible_issues(user, issues)
        positions = visible_positions(user, positions)
    if statuses:
        issues = issues.filter(status__in=statuses)
    if statuses:
        positions = positions.filter(issue__status__in=statuses)
    if as_of is not None:
        positions = positions.filter(meeting__starts_at__lte=as_of.starts_at)
    latest = (
        positions.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("issue_id"), F("organization_id")],
                order_by=[F("meeting__starts_at").desc(), F("id").desc()],
            )
        )
        .filter(rank=1)
        .select_related("organization", "meeting")
    )
    matrix = StakeholderMatrix(body=body, issues=list(issues), organizations=[])
    organizations: dict[int, Organization] = {}
    for position in latest:
        organization = position.organization
        assert organization is not None  # filtered above
        matrix.cells[(position.issue_id, organization.pk)] = MatrixCell(position)
        organizations[organization.pk] = organization
    matrix.organizations = sorted(organizations.values(), key=_column_order)
    return matrix


# ---------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryEntry:
    kind: str  # "raised", "statement", "position", "assignment", "status" (a change) or "note"
    meeting: Meeting | None
    when: datetime
    item: Any

    @property
    def is_status_change(self) -> bool:
        return self.kind == "status"


_KIND_ORDER = {"raised": -1, "statement": 0, "position": 1, "assignment": 2, "status": 3, "note": 3}


def issue_history(*, issue: Issue, user: AnyUser | None = None) -> list[HistoryEntry]:
    """Everything that happened to an issue, meeting by meeting, in five queries.

    Within a meeting: the raising of the issue, tagged statements in the order spoken, then
    positions, assignments, and notes and status changes in the order recorded. With `user`,
    what happened in meetings whose record the user may not read is left out.
    """
    statements = Statement.objects.filter(taggings__issue=issue).select_related(
        "agenda_item__meeting", "speaker", "speaker_organization"
    )
    positions = issue.positions.select_related("organization", "person", "meeting").prefetch_related("statements")
    assignments = issue.assignments.select_related("task_group", "assigned_in", "report_back")
    notes = issue.progress_notes.select_related("meeting", "author")
    if user is not None:
        readable = visible_meetings(user)
        statements = statements.filter(agenda_item__meeting__in=readable)
        positions = positions.filter(meeting__in=readable)
        assignments = assignments.filter(Q(assigned_in__isnull=True) | Q(assigned_in__in=readable))
        notes = notes.filter(Q(meeting__isnull=True) | Q(meeting__in=readable))

    entries: list[tuple[tuple, HistoryEntry]] = []

    def add(kind: str, meeting: Meeting | None, created: datetime, item: Any, sequence: tuple) -> None:
        when = meeting.starts_at if meeting is not None else created
        entries.append(((when, _KIND_ORDER[kind], *sequence), HistoryEntry(kind, meeting, when, item)))

    for statement in statements:
        agenda_item = statement.agenda_item
        add("statement", agenda_item.meeting, statement.created, statement, (agenda_item.order, statement.order))
    for position in positions:
        add("position", position.meeting, position.created, position, (0, position.pk))
    for assignment in assignments:
        add("assignment", assignment.assigned_in, assignment.created, assignment, (0, assignment.pk))
    for note in notes:
        kind = "raised" if not note.status_before else "status" if note.status_before != note.status_after else "note"
        add(kind, note.meeting, note.created, note, (note.created.timestamp(), note.pk))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]


# ---------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class TagSuggestion:
    issue: Issue
    score: float
    shared_terms: list[str]


_TITLE_WEIGHT = 3.0
_TEXT_WEIGHT = 1.0
# Tagged statements read per issue, the latest: enough to learn an issue's words, and an issue
# tagged 30,000 times costs no more than one tagged 100 times.
RECENT_TAGGED = 100


def taggable_issues(*, body: Body) -> QuerySet[Issue]:
    """Issues a statement made in a meeting of `body` may be tagged to: the unclosed issues of
    the whole tree `body` belongs to (a task group's statement may bear on the study group's issue)."""
    root = body
    while root.parent is not None:
        root = root.parent
    return (
        Issue.objects.filter(body_id__in=root.descendant_ids())
        .exclude(status=IssueStatus.CLOSED)
        .order_by(*Issue.code_order())
    )


def tag_suggestions(*, statement: Statement, limit: int = 5) -> list[TagSuggestion]:
    """Issues a statement most likely discusses, best first.

    An issue's profile is the character bigrams of its title (weighted up), description and
    the latest RECENT_TAGGED statements tagged to it (latest by statement id: minutes are entered
    meeting after meeting); bigrams shared by many issues count for less (idf).
    Candidates are the unclosed issues of the statement's body tree not yet tagged with it.
    """
    # The tree is shallow (study group → working party → task group): one query reaches its root.
    body = Body.objects.select_related("parent__parent__parent").get(meetings__agenda_items__statements=statement)
    issues = list(taggable_issues(body=body).exclude(taggings__statement=statement))
    if not issues:
        return []
    profiles: dict[int, dict[str, float]] = {}
    for issue in issues:
        profile = dict.fromkeys(content_bigrams(issue.description), _TEXT_WEIGHT)
        profile.update(dict.fromkeys(content_bigrams(issue.title), _TITLE_WEIGHT))
        profiles[issue.pk] = profile
    latest = (
        IssueStatement.objects.filter(issue_id__in=profiles)
        .exclude(statement=statement)
        .annotate(rank=Window(RowNumber(), partition_by=F("issue_id"), order_by=F("statement_id").desc()))
        .filter(rank__lte=RECENT_TAGGED)
        .values("id")
    )
    # The slice cuts nothing; it tells PostgreSQL how few rows the ranking keeps, so that it
    # reads their texts by key rather than joining every statement.
    tagged = IssueStatement.objects.filter(id__in=latest[: RECENT_TAGGED * len(profiles)]).values_list(
        "issue_id", "statement__text_normalized"
    )
    for issue_id, text in tagged:
        profile = profiles[issue_id]
        for gram in content_bigrams(text):
            profile.setdefault(gram, _TEXT_WEIGHT)

    document_frequency: dict[str, int] = defaultdict(int)
    for profile in profiles.values():
        for gram in profile:
            document_frequency[gram] += 1
    terms = content_bigrams(statement.text)
    suggestions = []
    for issue in issues:
        profile = profiles[issue.pk]
        shared = terms.intersection(profile)
        if not shared:
            continue
        weights = {g: profile[g] * math.log(1 + len(issues) / document_frequency[g]) for g in shared}
        score = sum(weights.values()) / math.sqrt(len(profile))
        ranked_terms = sorted(shared, key=lambda g: (-weights[g], g))
        suggestions.append(TagSuggestion(issue=issue, score=round(score, 4), shared_terms=ranked_terms))
    suggestions.sort(key=lambda s: (-s.score, s.issue.code_sort_key()))
    return suggestions[:limit]


def notes_of_meeting(*, meeting: Meeting) -> QuerySet[ProgressNote]:
    """Progress notes recorded in a meeting (the issues it discussed or carried over)."""
    return meeting.progress_notes.select_related("issue", "author").order_by(
        *Issue.code_order("issue__"), "created", "id"
    )
