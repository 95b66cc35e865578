"""Reads the meeting editor shares: proposals (number, title, labels, next speaker) and the editor's record."""

from django.core.exceptions import ValidationError
from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext as _

from apps.directory.models import Body
from apps.importer.people import organization_core
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting, Statement
from apps.minutes.models import Minutes


def next_meeting_number(body: Body) -> int:
    last = Meeting.objects.filter(body=body).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def proposed_meeting_title(body: Body, number: int) -> str:
    """The title printed on the minutes: 非常時における…検討会（第7回）."""
    return f"{body.name}（第{number}回）"


def edit_refusal(minutes: Minutes | None) -> ValidationError | None:
    """Why the meeting's record cannot be edited at the desk, or None while its minutes are a draft.

    Once sent for review the record changes through review management; once published, by errata.
    """
    if minutes is None or minutes.status == Minutes.Status.DRAFT:
        return None
    if minutes.status == Minutes.Status.PUBLISHED:
        return ValidationError(_("The minutes of this meeting are published: correct them with an erratum."), "frozen")
    return ValidationError(
        _("The minutes are %(status)s: change the record through review management.")
        % {"status": minutes.get_status_display()},
        "in_review",
    )


def editor_items() -> QuerySet[AgendaItem]:
    """Agenda items with their statements (only what the editor shows), decisions and materials."""
    statements = Statement.objects.order_by("order", "id").only(
        "id", "agenda_item_id", "order", "speaker_label", "kind", "text", "version"
    )
    return AgendaItem.objects.order_by("order", "id").prefetch_related(
        Prefetch("statements", queryset=statements),
        "decisions",
        Prefetch("materials", queryset=Material.objects.order_by("sort_key", "id")),
    )


def editor_meeting(pk: int) -> Meeting:
    """The meeting with everything the editor shows, in a fixed number of queries whatever its size."""
    return (
        Meeting.objects.select_related("body", "minutes")
        .prefetch_related(
            Prefetch("attendances", queryset=meeting_attendances()),
            Prefetch("materials", queryset=Material.objects.order_by("sort_key", "id")),
            Prefetch("agenda_items", queryset=editor_items()),
        )
        .get(pk=pk)
    )


def meeting_attendances(meeting: Meeting | None = None) -> QuerySet[Attendance]:
    rows = Attendance.objects.select_related("person__organization", "organization").order_by("order", "id")
    return rows if meeting is None else rows.filter(meeting=meeting)


def speaker_label(attendance: Attendance) -> str:
    """How minutes print this attendee as a speaker: 藤井構成員, ＮＴＴドコモ（小林）, 事務局."""
    person, organization = attendance.person, attendance.organization
    if attendance.category == Attendance.Category.SECRETARIAT:
        return "事務局"
    if person is None:
        return organization.short_name or organization.name if organization else attendance.role_label
    if attendance.category == Attendance.Category.OPERATOR and organization is not None:
        return f"{organization_core(organization.short_name or organization.name)}（{person.family_name}）"
    return f"{person.family_name}{attendance.role_label}"


def speaker_choices(attendances: list[Attendance]) -> dict[str, Attendance]:
    """Each attendee's printed speaker label, in attendance order (the first holder of a label wins)."""
    choices: dict[str, Attendance] = {}
    for attendance in attendances:
        choices.setdefault(speaker_label(attendance), attendance)
    return choices


def chair_label(attendances: list[Attendance]) -> str | None:
    for attendance in attendances:
        if attendance.category == Attendance.Category.MEMBER and attendance.role_label == "座長":
            return speaker_label(attendance)
    return None


def next_speaker(statements: list[Statement], attendances: list[Attendance]) -> tuple[str, str]:
    """The likely next speaker and kind, from the statements so far (in order).

    After a question: whoever answered that questioner last time, else the last other speaker
    who is not the chair. After an answer, or to open an item: the chair. After the chair: the
    floor is open (no proposal, most likely a question).
    """
    chair = chair_label(attendances) or ""
    if not statements:
        return chair, Statement.Kind.REMARK
    last = statements[-1]
    if last.kind == Statement.Kind.QUESTION:
        earlier = statements[:-1]
        for asked, reply in reversed(list(zip(earlier, earlier[1:], strict=False))):
            if asked.speaker_label == last.speaker_label and reply.kind == Statement.Kind.ANSWER:
                return reply.speaker_label, Statement.Kind.ANSWER
        others = [s.speaker_label for s in earlier if s.speaker_label not in (last.speaker_label, chair)]
        return (others[-1] if others else chair), Statement.Kind.ANSWER
    if chair and last.speaker_label == chair:
        return "", Statement.Kind.QUESTION
    return chair, Statement.Kind.REMARK


def next_material_label(meeting: Meeting, taken: list[str]) -> str:
    """The next free label in the body's numbering: 資料7-1, 資料7-2, …"""
    n = 1
    while f"資料{meeting.number}-{n}" in taken:
        n += 1
    return f"資料{meeting.number}-{n}"
