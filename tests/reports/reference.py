"""The reference 議事要旨 (roaming study group, 6th meeting) read for the report tests.

`read_reference()` gives what the PDF must print — headings, speakers, statements in order —
straight from the text, independent of the code under test. `build_reference_meeting()` puts
that meeting in the database through the project's importer.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from apps.directory.models import Body
from apps.importer.services import minutes_file_import
from apps.meetings.models import Meeting

REFERENCE_TEXT = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
AGENDA_HEADING = re.compile(r"^（[０-９]+）")


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


def _sections(lines: list[tuple[str, bool]]) -> dict[str, list[tuple[str, bool]]]:
    """The lines under ３ 出席者 and under ４ 議事."""
    sections: dict[str, list[tuple[str, bool]]] = {}
    current = None
    for text, ends in lines:
        if text in {"３ 出席者", "４ 議事"}:
            current = text
            sections[current] = []
        elif current:
            sections[current].append((text, ends))
    return sections


def _grouped(lines: list[str], starts_group) -> dict[str, list[str]]:
    """Lines under the heading line before them; `starts_group` gives a heading line's label, else None."""
    groups: dict[str, list[str]] = {}
    label = None
    for text in lines:
        heading = starts_group(text)
        if heading is not None:
            label = heading
            groups[label] = []
        else:
            groups[label].append(text)
    return groups


def _agenda(lines: list[tuple[str, bool]]) -> list[RefAgendaItem]:
    agenda: list[RefAgendaItem] = []
    paragraph: list[str] = []
    for text, ends in lines:
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
    return agenda


def read_reference() -> Reference:
    lines = _lines()
    title = lines[0][0]
    sections = _sections(lines[1:])
    attendance = _grouped(
        [text for text, _ends in sections["３ 出席者"]],
        lambda text: AGENDA_HEADING.sub("", text) if AGENDA_HEADING.match(text) else None,
    )
    observers = _grouped(attendance["オブザーバー"], lambda text: text[1:] if text.startswith("・") else None)
    agenda = _agenda(sections["４ 議事"])
    return Reference(
        title=title,
        members=_names(attendance["構成員"]),
        operators=attendance["関係事業者"],
        observers={label: _names(names) for label, names in observers.items()},
        ministry=_names(attendance["総務省"]),
        agenda=agenda,
    )


def build_reference_meeting(body: Body | None = None) -> Meeting:
    """The 6th meeting imported by the project's importer, in `body` (the study group by default)."""
    body_name = body.name if body is not None else read_reference().title.split("（第")[0]
    return minutes_file_import(path=REFERENCE_TEXT, body_name=body_name)
