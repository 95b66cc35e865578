"""The snapshot of a meeting's 議事要旨: heading, attendance, agenda with statements, errata."""

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from apps.core import jdates
from apps.meetings.models import AgendaItem, Attendance, Meeting, Statement
from apps.minutes.models import Erratum, Minutes

from .formatting import (
    ATTENDANCE_HEADINGS,
    era_datetime_range,
    fullwidth,
    host_ministry_name,
    meeting_heading,
    venue_label,
)

# Operators are listed one per line as 会社名 氏名; the other headings run on, joined by 、.
ONE_PER_LINE = {Attendance.Category.OPERATOR}

MINUTES_STATE_MARKS: dict[str, tuple[str, str]] = {
    Minutes.Status.DRAFT: ("案", ""),
    Minutes.Status.IN_REVIEW: ("案", "確認中"),
    Minutes.Status.APPROVED: ("", "承認済・未公表"),
    Minutes.Status.PUBLISHED: ("", ""),
}


def _attendee_name(attendance: Attendance) -> str:
    person, organization = attendance.person, attendance.organization
    if attendance.category in ONE_PER_LINE:
        parts = [organization.name if organization else "", person.full_name if person else ""]
        return " ".join(p for p in parts if p) + (f"（{attendance.role_label}）" if attendance.role_label else "")
    if person is not None:
        return f"{person.family_name}{attendance.role_label}" if attendance.role_label else person.full_name
    return f"{organization.name}{attendance.role_label}" if organization else attendance.role_label


def _attendance_sections(meeting: Meeting) -> list[dict[str, Any]]:
    by_category: dict[str, list[Attendance]] = defaultdict(list)
    for attendance in meeting.attendances.all():
        if attendance.presence != Attendance.Presence.ABSENT:
            by_category[attendance.category].append(attendance)
    host = host_ministry_name(meeting.body)
    sections: list[dict[str, Any]] = []
    for category, heading in ATTENDANCE_HEADINGS:
        rows = by_category.get(category)
        if not rows:
            continue
        groups: list[dict[str, Any]] = []
        for row in rows:
            if not groups or groups[-1]["label"] != row.group_label:
                groups.append({"label": row.group_label, "names": []})
            groups[-1]["names"].append(_attendee_name(row))
        sections.append(
            {
                "number": f"（{fullwidth(len(sections) + 1)}）",
                "heading": heading or host,
                "one_per_line": category in ONE_PER_LINE,
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
        "venue": venue_label(meeting),
        "attendance": _attendance_sections(meeting),
        "agenda": _agenda(meeting),
        "errata": errata,
    }
