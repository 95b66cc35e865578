"""What the parser returns: plain dataclasses, and the error it raises on bad input."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apps.importer.people import SpeakerMatch


class MinutesError(Exception):
    """Bad input: says what is wrong and, when known, on which line."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


# --- Result ---------------------------------------------------------------------------------


@dataclass
class Attendee:
    name: str
    role: str | None = None
    organization: str | None = None
    category: str | None = None  # member, operator, observer, ministry, secretariat, other
    group: str = ""  # printed sub-heading inside the category (関係府省, 関係団体)
    line: int = 0

    @property
    def is_organization(self) -> bool:
        """An organization attending as such (observers), with no person named."""
        return self.organization is not None and self.name == self.organization

    @property
    def family_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def given_name(self) -> str:
        parts = self.name.split()
        return " ".join(parts[1:]) if len(parts) > 1 else ""

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "organization": self.organization, "category": self.category}


@dataclass
class MaterialEntry:
    label: str
    title: str | None = None
    line: int = 0

    def to_dict(self) -> dict:
        return {"label": self.label, "title": self.title}


@dataclass
class StatementEntry:
    speaker: str
    text: str
    line: int = 0
    kind: str | None = None  # question, answer or remark where the layout says so (◆ ◎ ○)

    def to_dict(self) -> dict:
        data = {"speaker": self.speaker, "text": self.text}
        return data | {"kind": self.kind} if self.kind else data


@dataclass
class AgendaEntry:
    number: str | None
    title: str
    proceedings: str | None = None
    materials: list[str] = field(default_factory=list)
    statements: list[StatementEntry] = field(default_factory=list)
    line: int = 0

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "proceedings": self.proceedings,
            "materials": list(self.materials),
            "statements": [s.to_dict() for s in self.statements],
        }


@dataclass
class ParseWarning:
    line: int
    message: str
    speaker: str | None = None  # set on "speaker not in the attendance" warnings
    kind: str = ""  # set on warnings that ask for a decision (apps.importer.matching.DIRECTORY_PROPOSAL)
    person: int | None = None  # the directory person a proposal offers

    def to_dict(self) -> dict:
        proposal = {"kind": self.kind, "person": self.person} if self.kind else {}
        return {"line": self.line, "message": self.message} | proposal


@dataclass
class UnplacedLine:
    """A non-blank source line that no field holds, and why."""

    line: int
    text: str
    reason: str

    def to_dict(self) -> dict:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class ParsedMinutes:
    title: str | None = None
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    attendees: list[Attendee] = field(default_factory=list)
    absentees: list[Attendee] = field(default_factory=list)
    materials: list[MaterialEntry] = field(default_factory=list)
    agenda_items: list[AgendaEntry] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # Other names of attending organizations (IIJ → 株式会社インターネットイニシアティブ), by NFKC core.
    organization_aliases: dict[str, str] = field(default_factory=dict)
    layout: str = ""  # the layout profile the document was read with (apps.importer.layouts)
    # Line accounting: where each non-blank source line went, or why it went nowhere.
    placed: dict[int, str] = field(default_factory=dict)
    unplaced: list[UnplacedLine] = field(default_factory=list)
    line_count: int = 0  # non-blank source lines
    coverage: float = 0.0  # share of the source's non-blank characters on placed lines

    def place(self, line: int, where: str) -> None:
        """Record that a source line landed in a field (the first field to take it keeps it)."""
        self.placed.setdefault(line, where)

    def unplace(self, line: int, text: str, reason: str) -> None:
        """Report a source line that no field takes, with the reason."""
        if line not in self.placed and all(u.line != line for u in self.unplaced):
            self.unplaced.append(UnplacedLine(line, text, reason))

    def speaker(self, label: str) -> SpeakerMatch:
        from apps.importer.people import match_speaker  # people builds on these classes

        return match_speaker(label, self.attendees, self.organization_aliases)

    @property
    def statement_count(self) -> int:
        return sum(len(item.statements) for item in self.agenda_items)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "start_time": self.start_time.strftime("%H:%M") if self.start_time else None,
            "end_time": self.end_time.strftime("%H:%M") if self.end_time else None,
            "venue": self.venue,
            "attendees": [a.to_dict() for a in self.attendees],
            "absentees": [a.to_dict() for a in self.absentees],
            "materials": [m.to_dict() for m in self.materials],
            "agenda_items": [item.to_dict() for item in self.agenda_items],
            "warnings": [w.to_dict() for w in self.warnings],
            "layout": self.layout,
            "placed": {str(line): where for line, where in sorted(self.placed.items())},
            "unplaced": [u.to_dict() for u in self.unplaced],
            "coverage": round(self.coverage, 4),
        }
