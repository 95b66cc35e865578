"""Parse Japanese meeting minutes (議事要旨, 議事録, 会議録) into plain data.

Plain Python over plain data (no Django): `parse_minutes(text)` returns a `ParsedMinutes` or
raises `MinutesError` (what and where). The text is cut into sections by their headings
(apps.importer.headings); one reader per kind of section fills the result (header,
attendance, materials, proceedings); the speakers are recognised by the layout profile the
document's evidence selects (apps.importer.layouts). Every non-blank line of the source is
accounted for: placed in a field, or listed in `unplaced` with its number and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.importer.attendance import AttendanceReader
from apps.importer.checks import finish
from apps.importer.fields import parse_date
from apps.importer.header import HeaderReader
from apps.importer.headings import match_agenda_heading, match_section
from apps.importer.layouts import Layout, detect_layout
from apps.importer.materials import read_materials
from apps.importer.people import category_of, is_org_like
from apps.importer.proceedings import ProceedingsReader
from apps.importer.result import MinutesError, ParsedMinutes, ParseWarning, UnplacedLine
from apps.importer.text import PAGE_NUMBER_RE, D, Line, split_lines, table_row, wrap_width_of
from apps.importer.vocabulary import PAGE_CHROME_RE, SPACES

__all__ = ["MinutesError", "ParsedMinutes", "parse_minutes"]

# Sections that end where statements or agenda headings begin (議事録 printed without a 議事 heading).
LIST_SECTIONS = ("header", "attendees", "absentees", "datetime", "venue", "datetime_venue", "materials", "contact")
# Agenda headings that only list the items; the proceedings follow under other headings or none.
LIST_ONLY_KEYWORDS = (
    "議事次第",
    "議題",
    "次第",
    "主な議題",
    "本日審査した案件",
    "本日の会議に付した事件",
    "会議に付した事件",
    "議事日程",
)
# Tables drawn with box characters: rules, and cell walls read as | separators.
BOX_RULE_RE = re.compile(r"[─━┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋\s]+")
BOX_CELLS = str.maketrans({"│": "|", "┃": "|", "├": "|", "┤": "|"})
NOT_READ = "どの項目にも読み取られなかった行"
PAGE_NUMBER = "ページ番号"


@dataclass
class _Section:
    kind: str
    line: int
    lines: list[Line] = field(default_factory=list)
    keyword: str = ""


class _MinutesParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.result = ParsedMinutes()
        self.lines = self._rows(split_lines(text))
        self.layout: Layout = detect_layout([line.text for line in self.lines])
        self.result.layout = self.layout.name
        self.header = HeaderReader(self.result)

    # Sections ---------------------------------------------------------------------------

    def _rows(self, lines: list[Line]) -> list[Line]:
        """Table rows as text (`| 日時 | 令和4年… |` → `日時 令和4年…`), one line per speaker in a cell;
        lines of the web page around the minutes left out and reported."""
        kept: list[Line] = []
        for line in lines:
            if PAGE_CHROME_RE.match(line.text):
                self.result.unplace(line.number, line.text, "ウェブページの案内部分（議事の内容ではない）")
                continue
            if BOX_RULE_RE.fullmatch(line.text):
                self.result.place(line.number, "table rule")
                continue
            if line.text[:1] in "│┃":  # a table drawn with box characters: its cells, as in | rows
                line = Line(line.number, line.text.translate(BOX_CELLS), line.indented, line.indent)
            if not line.text or line.text[0] not in "|｜":
                kept.append(line)
                continue
            row = table_row(line.text)
            if not row:
                self.result.place(line.number, "table rule")
                continue
            for part in re.split(r"\s+(?=[○◯〇◆◎]\S)", row):
                kept.append(Line(line.number, part, line.indented, line.indent))
        return kept

    def sections(self) -> list[_Section]:
        sections = [_Section("header", 1)]
        dated = False  # the header has shown a date: a numbered list under it is the agenda
        for line in self.lines:
            current = sections[-1]
            heading = None if line.blank else match_section(line.text, in_body=len(sections) > 1)
            if heading and heading.kind == "agenda" and current.kind in ("agenda", "proceedings") and heading.numbered:
                heading = None  # 2.議事 inside a 議事次第 or ≪2.議事≫ in the proceedings: heads its sub-items
            if heading:
                sections.append(_Section(heading.kind, line.number, keyword=heading.keyword))
                if heading.value:
                    sections[-1].lines.append(Line(line.number, heading.value))
                else:
                    self.result.place(line.number, "heading")
                continue
            if self._ends_list(line, current):
                sections.append(_Section("proceedings", line.number))
            elif current.kind == "header" and dated and self._starts_agenda(line):
                sections.append(_Section("agenda", line.number, keyword="次第"))
            if current.kind == "header" and not line.blank and parse_date(line.text, line.number):
                dated = True
            sections[-1].lines.append(line)
        return sections

    def _ends_list(self, line: Line, current: _Section) -> bool:
        """The proceedings begin: after the header and lists, or ≪1.開会≫ after a bare 議事次第."""
        if current.kind in LIST_SECTIONS:
            return self._starts_proceedings(line, current.kind)
        return current.kind == "agenda" and current.keyword in LIST_ONLY_KEYWORDS and self._section_mark(line)

    def _starts_proceedings(self, line: Line, kind: str) -> bool:
        """Statements or agenda headings right after the header lists (議事録 without a 議事 heading)."""
        if line.blank:
            return False
        if self.layout.speaker(line.text, self.result.attendees):
            if kind in ("attendees", "absentees") and self._attendance_heading(line.text):
                return False
            return kind != "header" or self.layout.name != "bracket"
        if re.match(rf"^(?:議事|議題)\s*{D}", line.text):
            return True
        if self._section_mark(line):
            return True
        heading = match_agenda_heading(line.text)
        # (1)議題 right after the attendee list, which has no heading of its own.
        return bool(
            kind in ("attendees", "absentees")
            and heading
            and "、" not in line.text
            and category_of(heading.title) is None
            and not is_org_like(heading.title)
            and not self._attendance_heading(line.text)
        )

    def _attendance_heading(self, text: str) -> bool:
        return AttendanceReader(self.result, keyword="", absent=False).heading(text) is not None

    @staticmethod
    def _section_mark(line: Line) -> bool:
        """≪1.開会≫: a section of the proceedings, after the list of items it belongs to."""
        heading = None if line.blank else match_agenda_heading(line.text)
        return heading is not None and heading.style == "bracket"

    @staticmethod
    def _starts_agenda(line: Line) -> bool:
        heading = None if line.blank else match_agenda_heading(line.text)
        return heading is not None and heading.value == 1 and heading.style in ("space", "dot")

    # Reading ----------------------------------------------------------------------------

    def parse(self) -> ParsedMinutes:
        sections = self.sections()
        wrap_width = wrap_width_of([line for s in sections if s.kind in ("agenda", "proceedings") for line in s.lines])
        proceedings = ProceedingsReader(self.result, self.layout, wrap_width)
        listed_materials = False
        body: list[_Section] = []
        for section in sections:
            if section.kind in ("agenda", "proceedings"):
                body.append(section)
            elif section.kind == "materials":
                listed_materials = listed_materials or any(not line.blank for line in section.lines)
                read_materials(self.result, section.lines)
            else:
                self._read(section)
        for section in body:  # after the attendance, which names the speakers
            listing = section.kind == "agenda" and not proceedings.listed
            proceedings.read(section.lines, listing=listing, list_only=section.keyword in LIST_ONLY_KEYWORDS)
        finish(self.result, listed_materials=listed_materials)
        self._account()
        self.result.warnings.sort(key=lambda w: w.line)
        return self.result

    def _read(self, section: _Section) -> None:
        if section.kind == "header":
            self.header.header(section.lines)
        elif section.kind == "datetime":
            self.header.datetime(section.lines)
        elif section.kind == "datetime_venue":
            self.header.datetime(section.lines, venue_allowed=True)
        elif section.kind == "venue":
            self.header.venue(section.lines)
        elif section.kind in ("attendees", "absentees"):
            reader = AttendanceReader(self.result, keyword=section.keyword, absent=section.kind == "absentees")
            reader.read(section.lines)
        else:  # contact details and other sections the minutes do not hold
            for line in section.lines:
                if not line.blank:
                    self.result.unplace(line.number, line.text, f"「{section.keyword}」の欄")

    def _account(self) -> None:
        """Every non-blank source line is placed or unplaced; each unplaced one is warned about."""
        result = self.result
        raw = self.text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        total = placed = 0
        already = {u.line for u in result.unplaced}
        for number, original in enumerate(raw, start=1):
            text = original.replace("\f", "").strip(SPACES)
            if not text:
                continue
            result.line_count += 1
            total += len(text)
            if number in result.placed:
                placed += len(text)
            elif number not in already:
                reason = PAGE_NUMBER if PAGE_NUMBER_RE.match(text) else NOT_READ
                result.unplaced.append(UnplacedLine(number, text, reason))
        result.unplaced.sort(key=lambda u: u.line)
        result.coverage = placed / total if total else 1.0
        page_numbers = [u.line for u in result.unplaced if u.reason == PAGE_NUMBER]
        if page_numbers:
            result.warnings.append(
                ParseWarning(page_numbers[0], f"ページ番号の行 {len(page_numbers)} 行を読み飛ばしました")
            )
        for u in result.unplaced:
            if u.reason != PAGE_NUMBER:
                result.warnings.append(ParseWarning(u.line, f"この行はどの項目にも入りませんでした（{u.reason}）"))


def parse_minutes(text: str) -> ParsedMinutes:
    """Parse minutes text; raises MinutesError if it is empty or holds no minutes structure."""
    if not isinstance(text, str):
        raise MinutesError("input is not text")
    if not text.strip(SPACES + "\n\r\f\ufeff"):
        raise MinutesError("the file is empty", line=1)
    if "\x00" in text:
        raise MinutesError("the file is binary (NUL character)", line=text.count("\n", 0, text.index("\x00")) + 1)
    return _MinutesParser(text).parse()
