"""The snapshot of a meeting's 議事要旨: heading, attendance, agenda with statements, errata."""

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from apps.core import jdates
from apps.meetings.models import AgendaItem, Attendance, Meeting, Statement
from apps.meetings.naming import SpeakerNames
from apps.minutes.models import Erratum, Minutes

from .formatting import (
    ATTENDANCE_HEADINGS,
    era_datetime_range,
    fullwidth,
    host_ministry_name,
    meeting_heading,
    venue_label,
)

# Operators are listed one per line as 会社名 氏名 (Attendance.ONE_PER_LINE); the other headings
# run on, joined by 、.

MINUTES_STATE_MARKS: dict[str, tuple[str, str]] = {
    Minutes.Status.DRAFT: ("案", ""),
    Minutes.Status.IN_REVIEW: ("案", "確認中"),
    Minutes.Status.APPROVED: ("", "承認済・未公表"),
    Minutes.Status.PUBLISHED: ("", ""),
}


def _attendee_names(rows: list[Attendance], names: SpeakerNames) -> list[str]:
    """Printed names; in a public version roles in a row collapse with a count (構成員（１２名）)."""
    printed = [names.attendee(row) or row.name_as_printed for row in rows]
    if names.as_printed:
        return printed
    counted: list[tuple[str, int]] = []
    for name in printed:
        if counted and counted[-1][0] == name:
            counted[-1] = (name, counted[-1][1] + 1)
        else:
            counted.append((name, 1))
    return [f"{name}（{fullwidth(count)}名）" if count > 1 else name for name, count in counted]


def _attendance_sections(meeting: Meeting, names: SpeakerNames) -> list[dict[str, Any]]:
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
        grouped: list[tuple[str, list[Attendance]]] = []
        for row in rows:
            if not grouped or grouped[-1][0] != row.group_label:
                grouped.append((row.group_label, []))
            grouped[-1][1].append(row)
        groups = [{"label": label, "names": _attendee_names(members, names)} for label, members in grouped]
        sections.append(
            {
                "number": f"（{fullwidth(len(sections) + 1)}）",
                "heading": heading or host,
                "one_per_line": category in Attendance.ONE_PER_LINE,
                "groups": groups,
            }
        )
    return sections


def _agenda(meeting: Meeting, names: SpeakerNames) -> list[dict[str, Any]]:
    items = []
    for index, item in enumerate(meeting.agenda_items.all(), start=1):
        proceedings = names.text(item.proceedings)
        items.append(
            {
                "number": item.number_label or f"（{fullwidth(index)}）",
                "title": item.title,
                "proceedings": [line.strip() for line in proceedings.splitlines() if line.strip()],
                "statements": [
                    {
                        "speaker": names.speaker(statement),
                        "paragraphs": [names.text(paragraph) for paragraph in statement.paragraphs],
                    }
                    for statement in item.statements.all()
                ],
            }
        )
    return items


@translation.override("ja")  # official documents are Japanese, whoever asks
def minutes_snapshot(meeting_id: int, *, public: bool = False) -> dict[str, Any]:
    """Everything the 議事要旨 of a meeting prints: with the names as printed, or as its public
    version names people (apps.meetings.naming).

    `audience` tells who may read it: "participants" for the named version of a meeting whose
    public version names people otherwise, "public" for every other.
    """
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
                    Prefetch(
                        "statements",
                        queryset=Statement.objects.select_related("speaker", "speaker_organization").order_by(
                            "order", "id"
                        ),
                    )
                ),
            ),
        )
        .get(pk=meeting_id)
    )
    statements = [statement for item in meeting.agenda_items.all() for statement in item.statements.all()]
    names = SpeakerNames.for_meeting(meeting, public=public, statements=statements)
    named_for_participants = names.as_printed and meeting.public_speaker_naming != Meeting.SpeakerNaming.AS_PRINTED
    minutes = Minutes.objects.filter(meeting=meeting).first()
    status = minutes.status if minutes else Minutes.Status.DRAFT
    mark, state = MINUTES_STATE_MARKS[status]
    errata = []
    if minutes and minutes.is_published:
        errata = [
            {
                "published_on": jdates.format_era_date(erratum.published_on, weekday=False),
                "location": erratum.location,
                "wrong": names.text(erratum.wrong_text),
                "correct": names.text(erratum.correct_text),
            }
            for erratum in Erratum.objects.filter(minutes=minutes).order_by("published_on", "id")
        ]
    return {
        "meeting_id": meeting.pk,
        "title": meeting_heading(meeting),
        "status": status,
        "audience": "participants" if named_for_participants else "public",
        "draft_mark": mark,
        "state_label": state,
        "when": era_datetime_range(meeting.starts_at, meeting.ends_at),
        "venue": venue_label(meeting),
        "attendance": _attendance_sections(meeting, names),
        "agenda": _agenda(meeting, names),
        "errata": errata,
    }
