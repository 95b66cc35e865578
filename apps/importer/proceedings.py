"""The agenda (議事次第) and the proceedings under it: headings, statements, and text.

An agenda listed before the proceedings (議事次第, 議題) gives the items; headings in the
proceedings are then matched to those items (by title, else by number) instead of adding
new ones. A heading such as 2.議事 that only groups numbered sub-items is not an item
itself: its sub-items are. Speakers are recognised by the document's layout profile alone.
"""

from __future__ import annotations

import re

from apps.importer.headings import Heading, match_agenda_heading, number_value
from apps.importer.layouts import Layout
from apps.importer.result import AgendaEntry, ParsedMinutes, StatementEntry
from apps.importer.text import Line, ParagraphBuilder, clean_inline, compact
from apps.importer.vocabulary import SPACES

TRAILER_RE = re.compile(r"^(?:以\s*上|[(（]?\s*文責[^)）]*[)）]?)$")
# Headings that only group the numbered items below them.
CONTAINER_TITLES = ("議事", "議題", "議案", "審議事項", "議事次第")


def _title_key(title: str) -> str:
    return re.sub(r"[「」『』\"“”]", "", compact(title))


class ProceedingsReader:
    def __init__(self, result: ParsedMinutes, layout: Layout, wrap_width: int | None) -> None:
        self.result = result
        self.layout = layout
        self.wrap_width = wrap_width
        self.listed: list[AgendaEntry] = []  # items of a 議事次第 printed before the proceedings

    def read(self, lines: list[Line], *, listing: bool, list_only: bool = False) -> None:
        """Read an agenda (`listing`) or proceedings section; a `list_only` agenda ends where speakers begin."""
        _SectionReader(self, lines, listing=listing, list_only=list_only).run()
        if listing:
            self.remember_listed()

    def remember_listed(self) -> None:
        self.listed = [item for item in self.result.agenda_items if item.number or item.title]


class _SectionReader:
    """One agenda or proceedings section, read line by line."""

    def __init__(self, owner: ProceedingsReader, lines: list[Line], *, listing: bool, list_only: bool) -> None:
        self.owner = owner
        self.result = owner.result
        self.lines = lines
        self.listing = listing
        self.list_only = list_only
        self.item: AgendaEntry | None = None
        self.statement: StatementEntry | None = None
        self.builder = ParagraphBuilder(owner.wrap_width)
        self.last_by_style: dict[str, int] = {}
        self.top_style: str | None = None
        self.container: tuple[str, int] | None = None  # style and indent of 2.議事 above its sub-items
        self.bare = listing and self._bare_list()
        self.as_text_run = False  # headings repeated inside a statement are its text

    def _bare_list(self) -> bool:
        """An agenda printed one title a line, without numbers (本日の会議に付した事件)."""
        first_two = [line.text for line in self.lines if not line.blank][:2]
        return len(first_two) == 2 and all(
            len(text) <= 80
            and not text.endswith(("。", "、"))
            and not text.startswith("・")
            and not match_agenda_heading(text)
            and not self.owner.layout.speaker(text, [])
            for text in first_two
        )

    # Writing ------------------------------------------------------------------------------

    def close(self) -> None:
        text = self.builder.text()
        if self.statement is not None:
            self.statement.text = text or ""
            if self.item is not None and self.statement.text:
                self.item.statements.append(self.statement)
            self.statement = None
        elif self.item is not None and text:
            self.item.proceedings = f"{self.item.proceedings}\n\n{text}" if self.item.proceedings else text
        self.builder.reset()

    def ensure_item(self, line: Line) -> AgendaEntry:
        if self.item is None:
            self.item = AgendaEntry(number=None, title="", line=line.number)
            if self.owner.listed and not self.listing:
                self.result.agenda_items.insert(0, self.item)  # before the listed items: the opening
            else:
                self.result.agenda_items.append(self.item)
        return self.item

    def new_item(self, heading: Heading | None, title: str, line: Line) -> None:
        self.close()
        self.item = AgendaEntry(number=heading.number if heading else None, title=clean_inline(title), line=line.number)
        self.result.agenda_items.append(self.item)

    # Reading ------------------------------------------------------------------------------

    def run(self) -> None:
        for index, line in enumerate(self.lines):
            self._read_line(line, index)
        self.close()

    def _read_line(self, line: Line, index: int) -> None:
        if line.blank:
            self.builder.add(line)
            return
        if TRAILER_RE.match(line.text) and all(other.blank for other in self.lines[index + 1 :]):
            self.result.place(line.number, "trailer")
            return
        heading = match_agenda_heading(line.text)
        if heading is None:
            self.as_text_run = False
        elif self.take_heading(heading, line, index):
            self.result.place(line.number, "agenda")
            return
        if self._take_speaker(line):
            return
        if self._take_listed_title(line, heading):
            self.result.place(line.number, "agenda")
            return
        self.ensure_item(line)
        self.result.place(line.number, "statement" if self.statement else "proceedings")
        self.builder.add(line)

    def _take_speaker(self, line: Line) -> bool:
        """A line a speaker label opens: a new statement, its text after the label."""
        speaker = self.owner.layout.speaker(line.text, self.result.attendees)
        if not speaker:
            return False
        self.close()
        if self.listing and self.list_only:
            self.begin_proceedings()
        self.ensure_item(line)
        label, rest, kind = speaker
        self.statement = StatementEntry(speaker=label, text="", line=line.number, kind=kind)
        self.result.place(line.number, "statement")
        if rest:
            self.builder.add(Line(line.number, rest))
        return True

    def _take_listed_title(self, line: Line, heading: Heading | None) -> bool:
        """A title in an agenda list without numbers, one a line or bulleted: a new item."""
        if self._bare_title(line, heading):
            self.new_item(None, line.text, line)
        elif self._bullet_item(line):
            self.new_item(None, line.text.lstrip("・").strip(SPACES), line)
        else:
            return False
        return True

    def _bare_title(self, line: Line, heading: Heading | None) -> bool:
        """A short line, not a sentence, in a bare list outside any statement."""
        return (
            self.bare
            and not heading
            and self.statement is None
            and len(line.text) <= 80
            and not line.text.endswith("。")
        )

    def _bullet_item(self, line: Line) -> bool:
        """・開会 in a list before any item: the list is bulleted."""
        first = self.listing and self.item is None and self.statement is None
        return first and line.text.startswith("・") and len(line.text) < 60

    def begin_proceedings(self) -> None:
        """The first speaker after an agenda list: the list is over, the proceedings begin."""
        self.owner.remember_listed()
        self.listing = self.bare = False
        self.item = None
        self.top_style, self.container, self.last_by_style = None, None, {}

    def take_heading(self, heading: Heading, line: Line, index: int) -> bool:
        """Open the item a heading names; False if the line is text after all."""
        if self.statement is not None and (self.as_text_run or self._next_is_heading(index)):
            self.as_text_run = True  # 1. … 2. … 3. … read out inside a statement
            return False
        self.as_text_run = False
        if self.bare:
            return False  # (1)一七第七六号 … under a title of a bare list: its detail
        style, value = heading.style, heading.value
        if self.container and (style != self.container[0] or line.indent > self.container[1]):
            return self._open(heading, line, sub=True)
        if self.top_style is None or style == self.top_style:
            if self.top_style is not None and value not in (self.last_by_style.get(style, 0) + 1, 1):
                return False
            self.top_style = style
            self.container = None
            return self._open(heading, line, sub=False)
        return False  # a deeper number under an item: its detail

    def _open(self, heading: Heading, line: Line, *, sub: bool) -> bool:
        self.last_by_style[heading.style] = heading.value
        if not sub and compact(heading.title) in CONTAINER_TITLES:
            self.close()
            self.container = (heading.style, line.indent)
            self.item = None
            return True
        listed = None if self.listing else self._listed_item(heading, sub=sub)
        if listed is not None:
            self.close()
            self.item = listed
        else:
            self.new_item(heading, heading.title, line)
        return True

    def _listed_item(self, heading: Heading, *, sub: bool) -> AgendaEntry | None:
        listed = self.owner.listed
        if not listed:
            return None
        key = _title_key(heading.title)
        by_title = next((i for i in listed if _title_key(i.title) == key), None)
        if by_title is not None:
            return by_title
        by_number = [i for i in listed if i.number and number_value(i.number) == heading.value]
        # Sub-items of several groups share numbers: only an unambiguous number names one.
        if len(by_number) == 1 or (by_number and not sub):
            return by_number[0]
        return None

    def _next_is_heading(self, index: int) -> bool:
        following = next((line for line in self.lines[index + 1 :] if not line.blank), None)
        return following is not None and match_agenda_heading(following.text) is not None
