"""What goes into a document, read from the database as plain, JSON-ready data.

A snapshot holds every value the document prints, already formatted (era dates, headings),
so that hashing it tells whether two requests would produce the same PDF, and the worker
renders exactly what was hashed without reading the domain models again.
"""

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone, translation

from apps.core import jdates
from apps.deliberation.models import Assignment, Issue, IssueStatus, Position, ProgressNote
from apps.deliberation.selectors import stakeholder_matrix
from apps.directory.models import Body
from apps.meetings.models import AgendaItem, Attendance, Decision, Meeting, Statement
from apps.minutes.models import Erratum, Minutes

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# 出席者 sub-headings in the order the ministry prints them; None: the host ministry (総務省).
ATTENDANCE_HEADINGS: list[tuple[str, str | None]] = [
    (Attendance.Category.MEMBER, "構成員"),
    (Attendance.Category.OPERATOR, "関係事業者"),
    (Attendance.Category.OBSERVER, "オブザーバー"),
    (Attendance.Category.MINISTRY, None),
    (Attendance.Category.SECRETARIAT, "事務局"),
    (Attendance.Category.OTHER, "その他"),
]
# Operators are listed one per line as 会社名 氏名 (Attendance.ONE_PER_LINE); the other headings
# run on, joined by 、.

MINUTES_STATE_MARKS: dict[str, tuple[str, str]] = {
    Minutes.Status.DRAFT: ("案", ""),
    Minutes.Status.IN_REVIEW: ("案", "確認中"),
    Minutes.Status.APPROVED: ("", "承認済・未公表"),
    Minutes.Status.PUBLISHED: ("", ""),
}


def fullwidth(number: int) -> str:
    return str(number).translate(FULLWIDTH_DIGITS)


def meeting_heading(meeting: Meeting) -> str:
    """非常時における事業者間ローミング等に関する検討会（第６回）"""
    return f"{meeting.body.name}（第{fullwidth(meeting.number)}回）"


def _local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def era_datetime_range(start: dt.datetime, end: dt.datetime | None) -> str:
    """令和4年12月20日（火）15時00分～16時57分"""
    local_start = timezone.localtime(start) if timezone.is_aware(start) else start
    local_end = (timezone.localtime(end) if timezone.is_aware(end) else end) if end else None
    return jdates.format_era_date(local_start.date()) + jdates.format_time_range(local_start, local_end)


def _host_ministry_name(body: Body) -> str:
    """The heading of the officials' attendance: the ministry above the host bureau."""
    return body.host.top_level.name if body.host else "事務局"


def _attendance_sections(meeting: Meeting) -> list[dict[str, Any]]:
    by_category: dict[str, list[Attendance]] = defaultdict(list)
    for attendance in meeting.attendances.all():
        if attendance.presence != Attendance.Presence.ABSENT:
            by_category[attendance.category].append(attendance)
    host = _host_ministry_name(meeting.body)
    sections: list[dict[str, Any]] = []
    for category, heading in ATTENDANCE_HEADINGS:
        rows = by_category.get(category)
        if not rows:
            continue
        groups: list[dict[str, Any]] = []
        for row in rows:
            if not groups or groups[-1]["label"] != row.group_label:
                groups.append({"label": row.group_label, "names": []})
            groups[-1]["names"].append(row.name_as_printed)
        sections.append(
            {
                "number": f"（{fullwidth(len(sections) + 1)}）",
                "heading": heading or host,
                "one_per_line": category in Attendance.ONE_PER_LINE,
                "groups": groups,
            }
        )
    return sections


def _agenda(meeting: Meeting) -> list[dict[str, Any]]:
    items = []
    for index, item in enumerate(meeting.agenda_items.all(), start=1):
        items.append(
            {
                "number": item.number_label or f"（{fullwidth(index)}）",
                "title": item.title,
                "proceedings": [line.strip() for line in item.proceedings.splitlines() if line.strip()],
                "statements": [
                    {"speaker": statement.speaker_label, "paragraphs": statement.paragraphs}
                    for statement in item.statements.all()
                ],
            }
        )
    return items


@translation.override("ja")  # official documents are Japanese, whoever asks
def minutes_snapshot(meeting_id: int) -> dict[str, Any]:
    """Everything the 議事要旨 of a meeting prints."""
    meeting = (
        Meeting.objects.select_related("body__host__parent__parent")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organization").order_by("order", "id"),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("order", "id").prefetch_related(
                    Prefetch("statements", queryset=Statement.objects.order_by("order", "id"))
                ),
            ),
        )
        .get(pk=meeting_id)
    )
    minutes = Minutes.objects.filter(meeting=meeting).first()
    status = minutes.status if minutes else Minutes.Status.DRAFT
    mark, state = MINUTES_STATE_MARKS[status]
    errata = []
    if minutes and minutes.is_published:
        errata = [
            {
                "published_on": jdates.format_era_date(erratum.published_on, weekday=False),
                "location": erratum.location,
                "wrong": erratum.wrong_text,
                "correct": erratum.correct_text,
            }
            for erratum in Erratum.objects.filter(minutes=minutes).order_by("published_on", "id")
        ]
    return {
        "meeting_id": meeting.pk,
        "title": meeting_heading(meeting),
        "status": status,
        "draft_mark": mark,
        "state_label": state,
        "when": era_datetime_range(meeting.starts_at, meeting.ends_at),
        "venue": meeting.venue or ("Web開催" if meeting.mode == Meeting.Mode.ONLINE else ""),
        "attendance": _attendance_sections(meeting),
        "agenda": _agenda(meeting),
        "errata": errata,
    }


CLOSED_STATUSES = {IssueStatus.RESOLVED, IssueStatus.CLOSED}
# Organizations per stakeholder table: more columns would not fit an A4 page.
MATRIX_COLUMNS = 7


def _meeting_label(meeting: Meeting | None, *, with_body: bool = False) -> str:
    """第６回（令和4年12月20日）; with the body's short name where several bodies report together."""
    if meeting is None:
        return ""
    label = (
        f"第{fullwidth(meeting.number)}回（{jdates.format_era_date(_local_date(meeting.starts_at), weekday=False)}）"
    )
    if with_body:
        label = f"{meeting.body.short_name or meeting.body.name} {label}"
    return label


def _holder_name(position: Position) -> str:
    if position.organization is not None:
        return position.organization.name
    return position.person.full_name if position.person is not None else ""


def _status_history(issue: Issue, meetings: list[Meeting], notes: list[ProgressNote]) -> dict[int, str]:
    """The status of an issue as it stood after each meeting (absent before it was raised)."""
    events: dict[int, str] = {}
    if issue.raised_in_id:
        events[issue.raised_in_id] = IssueStatus.OPEN
    for note in notes:
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


@translation.override("ja")
def progress_report_snapshot(body_id: int) -> dict[str, Any]:
    """Everything the progress report of a body prints: its issues, stances, meetings, decisions."""
    body = Body.objects.select_related("host__parent__parent").get(pk=body_id)
    body_ids = body.descendant_ids()
    meetings = list(
        Meeting.objects.filter(body_id__in=body_ids, status=Meeting.Status.HELD)
        .select_related("body")
        .order_by("starts_at", "id")
    )
    # Meetings are named with their body only where several bodies' meetings appear.
    several_bodies = len({meeting.body_id for meeting in meetings}) > 1
    meetings_by_id = {meeting.pk: meeting for meeting in meetings}
    issues = list(
        Issue.objects.filter(body_id__in=body_ids)
        .select_related("body", "raised_in__body", "resolved_in__body")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("task_group").order_by("-assigned_in__starts_at", "-id"),
            ),
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("organization", "person", "meeting__body")
                .prefetch_related(
                    Prefetch(
                        "statements",
                        queryset=Statement.objects.order_by(
                            "agenda_item__meeting__starts_at", "agenda_item__order", "order"
                        ),
                    )
                )
                .order_by("meeting__starts_at", "id"),
            ),
            Prefetch("progress_notes", queryset=ProgressNote.objects.order_by("meeting__starts_at", "created", "id")),
        )
        .order_by(*Issue.code_order())
    )
    last_discussed: dict[int, int] = {}
    tagged = Statement.objects.filter(taggings__issue__in=issues).values_list(
        "taggings__issue_id", "agenda_item__meeting_id"
    )
    for issue_id, meeting_id in tagged.distinct():
        meeting = meetings_by_id.get(meeting_id)
        known = meetings_by_id.get(last_discussed.get(issue_id, 0))
        if meeting and (known is None or meeting.starts_at > known.starts_at):
            last_discussed[issue_id] = meeting_id

    status_labels = dict(IssueStatus.choices)
    stance_labels = dict(Position.Stance.choices)
    open_issues: list[dict[str, Any]] = []
    closed_issues: list[dict[str, Any]] = []
    history_rows = []
    for issue in issues:
        assignment = next((a for a in issue.assignments.all() if a.status == Assignment.Status.ACTIVE), None)
        notes = list(issue.progress_notes.all())
        discussed = [last_discussed.get(issue.pk)] + [p.meeting_id for p in issue.positions.all()]
        discussed += [n.meeting_id for n in notes]
        discussed_meetings = [meetings_by_id[m] for m in discussed if m in meetings_by_id]
        last_meeting = max(discussed_meetings, key=lambda m: m.starts_at, default=None)
        stances: dict[str, list[dict[str, Any]]] = {}
        for position in issue.positions.all():
            holder = _holder_name(position)
            stances.setdefault(holder, []).append(
                {
                    "meeting": _meeting_label(position.meeting, with_body=several_bodies),
                    "stance": str(stance_labels[position.stance]),
                    "stance_code": position.stance,
                    "summary": position.summary,
                    "statements": [{"speaker": s.speaker_label, "text": s.text} for s in position.statements.all()],
                }
            )
        row = {
            "code": issue.code,
            "title": issue.title,
            "description": issue.description,
            "status": str(status_labels[issue.status]),
            "status_code": issue.status,
            "body": issue.body.name,
            "owner": assignment.task_group.name if assignment else "",
            "due": jdates.format_era_date(assignment.due_on, weekday=False) if assignment and assignment.due_on else "",
            "raised_in": _meeting_label(issue.raised_in, with_body=several_bodies),
            "resolved_in": _meeting_label(issue.resolved_in, with_body=several_bodies),
            "last_discussed": _meeting_label(last_meeting, with_body=several_bodies),
            "stances": [{"holder": holder, "positions": rows} for holder, rows in stances.items()],
            "notes": [
                {
                    "meeting": _meeting_label(meetings_by_id.get(n.meeting_id or 0), with_body=several_bodies),
                    "text": n.text,
                    "status": str(status_labels[n.status_after]),
                }
                for n in notes
            ],
        }
        (closed_issues if issue.status in CLOSED_STATUSES else open_issues).append(row)
        history_rows.append(_status_history(issue, meetings, notes))

    chart = {
        "meetings": [f"{m.body.short_name or m.body.name}\n" * several_bodies + f"第{m.number}回" for m in meetings],
        "statuses": [{"code": code, "label": str(label)} for code, label in IssueStatus.choices],
        "counts": {
            code: [sum(1 for h in history_rows if h.get(m.pk) == code) for m in meetings]
            for code, _label in IssueStatus.choices
        },
    }
    attendance_counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for meeting_id, category in (
        Attendance.objects.filter(meeting__in=meetings)
        .exclude(presence=Attendance.Presence.ABSENT)
        .values_list("meeting_id", "category")
    ):
        attendance_counts[meeting_id][category] += 1
    category_labels = {c: (h or _host_ministry_name(body)) for c, h in ATTENDANCE_HEADINGS}
    decision_kinds = dict(Decision.Kind.choices)
    decisions = [
        {
            "meeting": _meeting_label(meetings_by_id.get(d.agenda_item.meeting_id), with_body=several_bodies),
            "agenda": f"{d.agenda_item.number_label} {d.agenda_item.title}".strip(),
            "kind": str(decision_kinds[d.kind]),
            "text": d.text,
        }
        for d in Decision.objects.filter(agenda_item__meeting__in=meetings)
        .select_related("agenda_item")
        .order_by("agenda_item__meeting__starts_at", "agenda_item__order", "id")
    ]
    last = meetings[-1] if meetings else None
    open_statuses = [code for code in IssueStatus.values if code not in CLOSED_STATUSES]
    return {
        "body_id": body.pk,
        "published_only": _draws_on_published_minutes_only(meetings, issues),
        "title": f"{body.name} 検討状況報告",
        "as_of": f"{_meeting_label(last, with_body=several_bodies)}時点" if last else "",
        "open_issues": open_issues,
        "closed_issues": closed_issues,
        "meetings": [
            {
                "label": _meeting_label(m, with_body=several_bodies),
                "heading": meeting_heading(m),
                "when": era_datetime_range(m.starts_at, m.ends_at),
                "venue": m.venue or ("Web開催" if m.mode == Meeting.Mode.ONLINE else ""),
                "attendance": [
                    {"category": str(category_labels[c]), "count": attendance_counts[m.pk][c]}
                    for c, _h in ATTENDANCE_HEADINGS
                    if attendance_counts[m.pk].get(c)
                ],
            }
            for m in meetings
        ],
        "decisions": decisions,
        "chart": chart,
        "matrix_tables": _stakeholder_tables(body_ids, open_statuses, stance_labels),
    }


def _draws_on_published_minutes_only(meetings: list[Meeting], issues: list[Issue]) -> bool:
    """Whether everything the report prints comes from meetings whose minutes are published.

    Only such a report may be read by those who see published minutes only
    (apps.access.documents); one built while any minutes it draws on were unpublished stays
    with the participants, like a draft's PDF. An issue raised outside any meeting is not in
    the public register either. The stakeholder tables repeat the issues' positions.
    """
    if any(issue.raised_in_id is None for issue in issues):
        return False
    meeting_ids: set[int | None] = {meeting.pk for meeting in meetings}
    statement_ids: set[int] = set()
    for issue in issues:
        meeting_ids |= {issue.raised_in_id, issue.resolved_in_id}
        meeting_ids |= {note.meeting_id for note in issue.progress_notes.all()}
        for position in issue.positions.all():
            meeting_ids.add(position.meeting_id)
            statement_ids |= {statement.pk for statement in position.statements.all()}
    meeting_ids.discard(None)  # a note recorded outside a meeting is public in the register too
    unpublished = Meeting.objects.exclude(minutes__status=Minutes.Status.PUBLISHED).filter(
        Q(pk__in=meeting_ids) | Q(agenda_items__statements__in=statement_ids)
    )
    return not unpublished.exists()


def _stakeholder_tables(body_ids: set[int], statuses: list[str], stance_labels: dict) -> list[dict[str, Any]]:
    """The latest stance of every organization on every open issue (the register's matrix),
    split into tables of MATRIX_COLUMNS organizations."""
    tables: list[dict[str, Any]] = []
    for body in Body.objects.filter(pk__in=body_ids).order_by("pk"):
        matrix = stakeholder_matrix(body=body, statuses=statuses)
        if not matrix.cells:
            continue
        for start in range(0, len(matrix.organizations), MATRIX_COLUMNS):
            organizations = matrix.organizations[start : start + MATRIX_COLUMNS]
            tables.append(
                {
                    "organizations": [o.short_name or o.name for o in organizations],
                    "rows": [
                        {
                            "code": issue.code,
                            "title": issue.title,
                            "stances": [str(stance_labels[c.stance]) if c else "" for c in cells],
                        }
                        for issue, cells in ((i, [matrix.cell(i, o) for o in organizations]) for i in matrix.issues)
                    ],
                }
            )
    return tables
