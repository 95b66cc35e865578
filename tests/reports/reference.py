"""The reference 議事要旨 (roaming study group, 6th meeting) read for the report tests.

`read_reference()` gives what the PDF must print — headings, speakers, statements in order —
straight from the text, independent of the code under test. `build_reference_meeting()` puts
that meeting in the database.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from apps.directory.models import Body, Organization, Person
from apps.meetings.models import AgendaItem, Attendance, Meeting, Statement

REFERENCE_TEXT = Path(__file__).resolve().parents[2] / "apps" / "core" / "demo" / "roaming-6th-minutes.txt"
TOKYO = ZoneInfo("Asia/Tokyo")
AGENDA_HEADING = re.compile(r"^（[０-９]+）")
MEMBER_ROLES = ("座長代理", "座長", "構成員")


@dataclass
class RefStatement:
    speaker: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class RefAgendaItem:
    number: str
    title: str
    proceedings: list[str] = field(default_factory=list)
    statements: list[RefStatement] = field(default_factory=list)


@dataclass
class Reference:
    title: str
    members: list[str]
    operators: list[str]
    observers: dict[str, list[str]]
    ministry: list[str]
    agenda: list[RefAgendaItem]


def _lines() -> list[tuple[str, bool]]:
    """Non-empty lines, stripped, each with whether it ends a paragraph (a trailing space)."""
    out = []
    for raw in REFERENCE_TEXT.read_text(encoding="utf-8").split("\n"):
        text = raw.strip(" \u3000\x0c")
        if text:
            out.append((text, raw.endswith(" ")))
    return out


def _names(lines: list[str]) -> list[str]:
    return [name for name in "".join(lines).split("、") if name]


def read_reference() -> Reference:
    lines = _lines()
    title = lines[0][0]
    sections: dict[str, list[tuple[str, bool]]] = {}
    current = None
    for text, ends in lines[1:]:
        if text in {"３ 出席者", "４ 議事"}:
            current = text
            sections[current] = []
        elif current:
            sections[current].append((text, ends))

    attendance: dict[str, list[str]] = {}
    heading = None
    for text, _ends in sections["３ 出席者"]:
        if AGENDA_HEADING.match(text):
            heading = AGENDA_HEADING.sub("", text)
            attendance[heading] = []
        else:
            attendance[heading].append(text)
    observers: dict[str, list[str]] = {}
    group = None
    for text in attendance["オブザーバー"]:
        if text.startswith("・"):
            group = text[1:]
            observers[group] = []
        else:
            observers[group].append(text)

    agenda: list[RefAgendaItem] = []
    paragraph: list[str] = []
    for text, ends in sections["４ 議事"]:
        if text == "以上":
            break
        if AGENDA_HEADING.match(text) and not paragraph:
            number = AGENDA_HEADING.match(text).group(0)
            agenda.append(RefAgendaItem(number=number, title=text[len(number) :]))
        elif text.startswith("【") and text.endswith("】") and not paragraph:
            agenda[-1].statements.append(RefStatement(speaker=text[1:-1]))
        elif not agenda[-1].statements:
            agenda[-1].proceedings.append(text)
        else:
            paragraph.append(text)
            if ends:
                agenda[-1].statements[-1].paragraphs.append("".join(paragraph))
                paragraph = []
    return Reference(
        title=title,
        members=_names(attendance["構成員"]),
        operators=attendance["関係事業者"],
        observers={label: _names(names) for label, names in observers.items()},
        ministry=_names(attendance["総務省"]),
        agenda=agenda,
    )


def _split_role(name: str, roles: tuple[str, ...]) -> tuple[str, str]:
    for role in roles:
        if name.endswith(role):
            return name[: -len(role)], role
    return name[:2], name[2:]


def build_reference_meeting(body: Body | None = None) -> Meeting:
    """The 6th meeting as the importer would store it: attendance, agenda, every statement."""
    reference = read_reference()
    ministry, _ = Organization.objects.get_or_create(name="総務省", defaults={"kind": Organization.Kind.MINISTRY})
    if body is None:
        body, _ = Body.objects.get_or_create(name=reference.title.split("（第")[0], defaults={"host": ministry})
    meeting = Meeting.objects.create(
        body=body,
        number=6,
        title=reference.title,
        starts_at=dt.datetime(2022, 12, 20, 15, 0, tzinfo=TOKYO),
        ends_at=dt.datetime(2022, 12, 20, 16, 57, tzinfo=TOKYO),
        venue="Web開催",
        mode=Meeting.Mode.ONLINE,
    )
    order = 0

    def attend(category: str, *, group: str = "", person=None, organization=None, role: str = "") -> None:
        nonlocal order
        order += 1
        Attendance.objects.create(
            meeting=meeting,
            order=order,
            category=category,
            group_label=group,
            person=person,
            organization=organization,
            role_label=role,
        )

    for name in reference.members:
        family, role = _split_role(name, MEMBER_ROLES)
        attend(Attendance.Category.MEMBER, person=Person.objects.create(family_name=family), role=role)
    for line in reference.operators:
        company, family, given = line.split(" ")
        organization, _ = Organization.objects.get_or_create(name=company, defaults={"kind": "operator"})
        person = Person.objects.create(family_name=family, given_name=given, organization=organization)
        attend(Attendance.Category.OPERATOR, person=person, organization=organization)
    for group, names in reference.observers.items():
        for name in names:
            organization, _ = Organization.objects.get_or_create(name=name)
            attend(Attendance.Category.OBSERVER, group=group, organization=organization)
    for name in reference.ministry:
        family, role = _split_role(name, ())
        attend(Attendance.Category.MINISTRY, person=Person.objects.create(family_name=family), role=role)

    for index, item in enumerate(reference.agenda, start=1):
        agenda_item = AgendaItem.objects.create(
            meeting=meeting,
            order=index,
            number_label=item.number,
            title=item.title,
            proceedings="\n".join(item.proceedings),
        )
        Statement.objects.bulk_create(
            Statement(
                agenda_item=agenda_item,
                order=position,
                speaker_label=statement.speaker,
                text="\n\n".join(statement.paragraphs),
            )
            for position, statement in enumerate(item.statements, start=1)
        )
    return meeting
