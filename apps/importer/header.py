"""The labelled fields at the head of minutes: title, date, start and end time, venue.

One reader for every publisher: a field's label may carry a marker (○ ■ ・ -), a number
(１, 1., 第1), a colon, and its value on the same line or on the lines below; the date and
times may also stand unlabelled under the title. The meeting date printed under a label
(開催日時, 日時) wins over any other date in the header, such as a page's publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from apps.importer.fields import (
    CLOSING_RE,
    WEEKDAY_RE,
    clean_venue,
    fiscal_year_date,
    numerals,
    parse_date,
    parse_time_range,
)
from apps.importer.result import ParsedMinutes, ParseWarning
from apps.importer.text import Line
from apps.importer.vocabulary import SPACES

TITLE_WORDS_RE = re.compile(
    r"会議|委員会|審議会|検討会|部会|研究会|分科会|調査会|本部|協議会|懇談会|総会|議事|会議録|速記録|"
    r"ワーキング|WG|タスク|第\s*[0-9０-９一二三四五六七八九十]+\s*回|定例会|臨時会"
)
KIND_SUFFIX_RE = re.compile(r"[\s\u3000]*(議事要旨|議事録|議事概要|会議録|議事要録)\s*[.。]?\s*$")
# A venue printed alone under the date: short, no sentence, no label, not a note in parentheses.
VENUE_LINE_RE = re.compile(r"(?![(（\[［【])(?!.*[:：]).{2,40}(?<![。)）\]］】])")
CLOSED_BEFORE_RE = re.compile(r"(?:閉会|閉議|散会)\s*$")  # 閉会 午後 2時46分
SEPARATOR_RE = re.compile(r"^[─━―ー－\-=＝…・~〜\s]+$")


def _without_kind(text: str) -> str:
    """The printed title without the kind of minutes after it (議事録, 議事要旨)."""
    return KIND_SUFFIX_RE.sub("", text).strip(SPACES)


class HeaderReader:
    """Reads the header fields into the result and places the lines it takes."""

    def __init__(self, result: ParsedMinutes) -> None:
        self.result = result
        self.date_labelled = False
        self.date_line = 0

    # Dates and times ----------------------------------------------------------------------

    def take_datetime(self, line: Line, *, labelled: bool, venue_allowed: bool = False) -> bool:
        """Read date, times and (after them) a venue from one line; True if it held a date or time."""
        normalized = numerals(line.text)
        # Cut on the normalised text; keep the printed characters where positions line up.
        printed = line.text if len(normalized) == len(line.text) else normalized
        found = parse_date(line.text, line.number)
        rest = normalized
        if found:
            self.set_date(found[0], line.number, labelled=labelled)
            start, end = found[1]
            rest = normalized[:start] + " " * (end - start) + normalized[end:]
        rest = WEEKDAY_RE.sub(lambda m: " " * len(m.group(0)), rest)
        start_time, end_time, span = parse_time_range(rest, line.number)
        if span:
            closing = end_time is None and (
                CLOSING_RE.match(rest[span[1] :]) or CLOSED_BEFORE_RE.search(rest[: span[0]])
            )
            if closing and self.result.start_time is not None and self.result.end_time is None:
                if start_time and start_time > self.result.start_time:
                    self.result.end_time = start_time  # 午前10時40分 閉会, on a line of its own
            elif self.result.start_time is None:
                self.result.start_time, self.result.end_time = start_time, end_time
            rest = rest[: span[0]] + " " * (span[1] - span[0]) + rest[span[1] :]
        rest = "".join(p if r != " " or p.isspace() else " " for r, p in zip(rest, printed, strict=True))
        if not found and not span:
            return False
        self.result.place(line.number, "date" if found else "time")
        if venue_allowed and not self.result.venue:
            leftover = clean_venue(re.sub(r"^[\s、,・]*(?:開催日時|日時)?\s*[:：]?", "", rest))
            leftover = re.sub(r"^[\s()（）]*(?:開会|開議|閉会|散会)[\s()（）]*$", "", leftover or "") or None
            if leftover and re.search(r"[^\W\d_]", leftover) and not re.fullmatch(r"[\s()（）~〜-]*", leftover):
                self.result.venue = leftover
        return True

    def set_date(self, date: dt.date, line: int, *, labelled: bool) -> None:
        result = self.result
        if result.date is None or (labelled and not self.date_labelled):
            if result.date is not None and result.date != date:
                result.warnings.append(
                    ParseWarning(
                        line,
                        f"開催日 {date.isoformat()} を、{self.date_line}行目の日付 {result.date.isoformat()}"
                        "（掲載日など）に代えて採りました",
                    )
                )
            result.date, self.date_labelled, self.date_line = date, labelled, line
        elif labelled and self.date_labelled and result.date != date:
            result.warnings.append(
                ParseWarning(line, f"開催日が二通りあります: {result.date.isoformat()} と {date.isoformat()}")
            )

    # Sections -----------------------------------------------------------------------------

    def header(self, lines: list[Line]) -> None:
        """Lines before the first section: the title, an unlabelled date, time and venue."""
        title_lines: list[Line] = []
        after_date = False
        under_date = False  # the line right under an unlabelled date
        for line in lines:
            if line.blank:
                continue
            if SEPARATOR_RE.match(line.text):
                self.result.place(line.number, "separator")
                continue
            if self.take_datetime(line, labelled=False):
                after_date = under_date = True
                continue
            if self._take_title(line, after_date=after_date):
                title_lines.append(line)
            elif not (under_date and self._take_venue(line)):
                self.result.unplace(line.number, line.text, "最初の見出しより前の文（ページの見出し・案内など）")
            under_date = False
        self._set_title(title_lines)

    def _take_title(self, line: Line, *, after_date: bool) -> bool:
        """A line that names the meeting (検討会, 第3回) before any date, or only the kind of minutes."""
        text = _without_kind(line.text)
        if text and (after_date or len(text) > 120 or not TITLE_WORDS_RE.search(line.text)):
            return False
        self.result.place(line.number, "title")
        return True

    def _take_venue(self, line: Line) -> bool:
        """The venue printed alone under the date."""
        text = _without_kind(line.text)
        if self.result.venue or not VENUE_LINE_RE.fullmatch(text):
            return False
        self.result.venue = clean_venue(text)
        self.result.place(line.number, "venue")
        return True

    def _set_title(self, title_lines: list[Line]) -> None:
        """The title from its lines; a fiscal year and day in them (平成29年度 … 8月18日) date an undated meeting."""
        parts = [text for line in title_lines if (text := _without_kind(line.text))]
        if parts:
            self.result.title = " ".join(parts)[:300]
        if self.result.date is None and title_lines:
            joined = " ".join(line.text for line in title_lines)
            found = fiscal_year_date(joined, joined, title_lines[0].number)
            if found:
                self.set_date(found, title_lines[0].number, labelled=False)

    def datetime(self, lines: list[Line], *, venue_allowed: bool = False) -> None:
        for line in lines:
            if line.blank:
                continue
            if self.take_datetime(line, labelled=True, venue_allowed=venue_allowed):
                continue
            if venue_allowed and not self.result.venue:
                self.result.venue = clean_venue(line.text)
                self.result.place(line.number, "venue")
            else:
                self.result.unplace(line.number, line.text, "日時の見出しの下にある、日時でない文")

    def venue(self, lines: list[Line]) -> None:
        parts = [line for line in lines if not line.blank]
        if parts:
            self.result.venue = clean_venue(" ".join(line.text for line in parts))
            for line in parts:
                self.result.place(line.number, "venue")
