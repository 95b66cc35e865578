"""Parse Japanese meeting minutes (議事要旨, 議事録) into plain data.

Plain Python over plain data (no Django): `parse_minutes(text)` returns a `ParsedMinutes` or
raises `MinutesError` (what and where). The layout knowledge lives in small tables below
(section keywords, role suffixes, attendee categories) so that a new publisher's format is
usually one more entry, not new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.importer.fields import (
    FILE_NOTE_RE,
    MATERIAL_LINE_RE,
    WEEKDAY_RE,
    cited_materials,
    clean_venue,
    material_key,
    material_sort_key,
    parse_date,
    parse_time_range,
)
from apps.importer.people import (
    HEADCOUNT_RE,
    Attendee,
    category_of,
    is_org_like,
    looks_like_speaker,
    parse_attendee,
    speaker_warnings,
)
from apps.importer.result import AgendaEntry, MaterialEntry, MinutesError, ParsedMinutes, ParseWarning, StatementEntry
from apps.importer.text import (
    D,
    Line,
    ParagraphBuilder,
    clean_inline,
    compact,
    join_lines,
    nfkc,
    split_lines,
    table_row,
    wrap_width_of,
)
from apps.importer.vocabulary import (
    CATEGORY_KEYWORDS,
    CATEGORY_LABELS,
    GROUP_KEYWORDS,
    MINISTRY_RE,
    NON_SPEAKER_BRACKETS,
    OPENING_CLOSING,
    SECTION_KEYWORDS,
    SPACES,
)

__all__ = ["MinutesError", "ParsedMinutes", "parse_minutes"]

# Patterns over printed text (full- or half-width).
AGENDA_HEADING_RES = [
    re.compile(rf"^(?P<num>[(（]\s*{D}{{1,2}}\s*[)）])\s*(?P<title>.+)$"),
    re.compile(rf"^[≪《«<＜]{{1,2}}\s*(?P<num>{D}{{1,2}})\s*[.．、]?\s*(?P<title>.+?)\s*[≫》»>＞]{{1,2}}$"),
    re.compile(rf"^(?P<num>(?:議事|議題)\s*{D}{{1,2}})\s*[.．:：、]?\s*(?P<title>.+)$"),
    re.compile(rf"^(?P<num>{D}{{1,2}})\s*[.．、]\s*(?P<title>.+)$"),
    re.compile(rf"^(?P<num>{D}{{1,2}})[{SPACES}]+(?P<title>.+)$"),
]
BRACKET_SPEAKER_RE = re.compile(r"^【([^【】]{1,40})】\s*(.*)$")
CIRCLE_SPEAKER_RE = re.compile(r"^[○◯〇]\s*(.+)$")
TRAILER_RE = re.compile(r"^(?:以\s*上|[(（]?\s*文責[^)）]*[)）]?)$")


# --- Sections -------------------------------------------------------------------------------

_SECTION_PREFIX = (
    r"^(?:[■●◆◇□≪《<\[【]\s*)?"
    r"(?:第\s*[0-9一二三四五六七八九十]+\s*|[0-9]{1,2}\s*[.、:)]?\s*|[一二三四五六七八九十]{1,2}\s*[、.]\s*|[(][0-9]{1,2}[)]\s*)?"
)


def _keyword_pattern(keyword: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in keyword)


SECTION_RE = re.compile(
    _SECTION_PREFIX
    + "(?P<kw>"
    + "|".join(_keyword_pattern(k) for k in sorted(SECTION_KEYWORDS, key=len, reverse=True))
    + r")\s*(?:[(][^)]*[)])?\s*(?:[≫》>\]】]\s*[:：]?\s*|[:：]\s*|\s+|$)(?P<value>.*)$"
)


def match_section(text: str) -> tuple[str, str, str] | None:
    """(kind, value on the same line, keyword) if the line is a section heading such as `１ 日時`."""
    normalized = nfkc(text)
    m = SECTION_RE.match(normalized)
    if not m:
        return None
    keyword = re.sub(r"\s+", "", m.group("kw"))
    value = m.group("value").strip()
    kind = SECTION_KEYWORDS[keyword]
    # 「議事」「議題」 etc. followed by prose are sentences, not headings.
    if kind in ("agenda", "proceedings") and value and (value.endswith("。") or len(value) > 60):
        return None
    if kind in ("attendees", "absentees", "materials", "venue") and value.endswith("。") and "、" not in value:
        return None
    # Give the value back in its printed form.
    printed_value = text[len(text) - len(value) :] if value and nfkc(text).endswith(value) else value
    return kind, printed_value.strip(SPACES), keyword


def match_agenda_heading(text: str) -> tuple[str, int, str] | None:
    """(number as printed, its value, title) if the line is an agenda heading such as （５）…"""
    for pattern in AGENDA_HEADING_RES:
        m = pattern.match(text)
        if not m:
            continue
        title = m.group("title").strip(SPACES)
        if not title or len(title) > 80 or title[-1] in "。、，," or title[0] in "。、，,":
            return None
        if re.match(r"^[0-9０-９年月日時分:：]", title):
            return None
        digits = re.sub(r"\D", "", nfkc(m.group("num")))
        if not digits:
            return None
        return m.group("num").replace(" ", "").replace("\u3000", ""), int(digits), title
    return None


# --- The parser -----------------------------------------------------------------------------


@dataclass
class _Section:
    kind: str
    line: int
    lines: list[Line] = field(default_factory=list)
    keyword: str = ""


# Sections that end where statements begin (議事録 printed without a 議事 heading).
LIST_SECTIONS = ("header", "attendees", "absentees", "datetime", "venue", "datetime_venue")


class _MinutesParser:
    def __init__(self, text: str) -> None:
        self.lines = split_lines(text)
        self.result = ParsedMinutes()
        self.listed_materials = False

    # Sections ---------------------------------------------------------------------------

    def sections(self) -> list[_Section]:
        sections = [_Section("header", 1)]
        for line in self.lines:
            if line.text[:1] in "|｜":
                line = Line(line.number, table_row(line.text), line.indented)
                if line.blank:
                    continue
            heading = None if line.blank else match_section(line.text)
            if heading:
                kind, value, keyword = heading
                sections.append(_Section(kind, line.number, keyword=keyword))
                if value:
                    sections[-1].lines.append(Line(line.number, value))
                continue
            current = sections[-1]
            if current.kind in LIST_SECTIONS and self._starts_proceedings(line, current.kind):
                sections.append(_Section("proceedings", line.number))
            sections[-1].lines.append(line)
        return sections

    def _starts_proceedings(self, line: Line, kind: str) -> bool:
        """Statements or agenda headings right after the header lists (議事録 without a 議事 heading)."""
        if line.blank:
            return False
        bracket = BRACKET_SPEAKER_RE.match(line.text)
        if bracket and not bracket.group(2) and category_of(bracket.group(1)) is None:
            return kind != "header" or self.result.title is not None
        circle = CIRCLE_SPEAKER_RE.match(line.text)
        if circle and category_of(circle.group(1).split()[0] if circle.group(1).split() else "") is None:
            return True
        if re.match(rf"^(?:議事|議題)\s*{D}", line.text):
            return True
        # ≪1.開会≫ or (1)議題 right after the attendee list, which has no heading of its own.
        heading = match_agenda_heading(line.text)
        return bool(
            kind in ("attendees", "absentees")
            and heading
            and "、" not in line.text
            and category_of(heading[2]) is None
            and not is_org_like(heading[2])
            and self._attendee_heading(line.text) is None
        )

    def parse(self) -> ParsedMinutes:
        sections = self.sections()
        self.wrap_width = wrap_width_of(
            [line for s in sections if s.kind in ("agenda", "proceedings") for line in s.lines]
        )
        agenda_lines: list[tuple[str, list[Line]]] = []
        for section in sections:
            if section.kind in ("agenda", "proceedings"):
                agenda_lines.append((section.kind, section.lines))
            else:
                getattr(self, f"_section_{section.kind}")(section)
        for kind, lines in agenda_lines:
            self._parse_agenda(lines, listing=kind == "agenda")
        self._finish()
        return self.result

    def _section_header(self, section: _Section) -> None:
        title_parts: list[str] = []
        for line in section.lines:
            if line.blank:
                continue
            if self._take_datetime(line):
                continue
            text = re.sub(r"[\s\u3000]*(議事要旨|議事録|議事概要|会議録|議事要録)\s*$", "", line.text).strip(SPACES)
            if text and not self.result.date:
                title_parts.append(text)
        if title_parts:
            self.result.title = " ".join(title_parts)[:300]

    def _take_datetime(self, line: Line, *, venue_allowed: bool = False) -> bool:
        """Read date, times and (after them) a venue from one line; True if it held a date or time."""
        normalized = nfkc(line.text)
        # Cut on the NFKC text; keep the printed characters where positions line up.
        printed = line.text if len(normalized) == len(line.text) else normalized
        found = parse_date(line.text, line.number)
        rest = normalized
        if found:
            date, (start, end) = found
            if self.result.date is None:
                self.result.date = date
            rest = normalized[:start] + " " * (end - start) + normalized[end:]
        rest = WEEKDAY_RE.sub(lambda m: " " * len(m.group(0)), rest)
        start_time, end_time, span = parse_time_range(rest, line.number)
        if span:
            if self.result.start_time is None:
                self.result.start_time, self.result.end_time = start_time, end_time
            rest = rest[: span[0]] + " " * (span[1] - span[0]) + rest[span[1] :]
        rest = "".join(p if r != " " or p.isspace() else " " for r, p in zip(rest, printed, strict=True))
        if not found and not span:
            return False
        if venue_allowed and not self.result.venue:
            leftover = clean_venue(re.sub(r"^[\s、,・]*(?:開催日時|日時)?\s*[:：]?", "", rest))
            if leftover and re.search(r"[^\W\d_]", leftover) and not re.fullmatch(r"[\s()（）~〜-]*", leftover):
                self.result.venue = leftover
        return True

    def _section_datetime(self, section: _Section, venue_allowed: bool = False) -> None:
        for line in section.lines:
            if line.blank:
                continue
            if not self._take_datetime(line, venue_allowed=venue_allowed) and venue_allowed and not self.result.venue:
                self.result.venue = clean_venue(line.text)

    def _section_datetime_venue(self, section: _Section) -> None:
        self._section_datetime(section, venue_allowed=True)

    def _section_venue(self, section: _Section) -> None:
        parts = [line.text for line in section.lines if not line.blank]
        if parts:
            self.result.venue = clean_venue(" ".join(parts))

    def _section_materials(self, section: _Section) -> None:
        self.listed_materials = True
        for line in section.lines:
            if line.blank:
                continue
            m = MATERIAL_LINE_RE.match(nfkc(line.text))
            if not m:
                if self.result.materials and not line.text.startswith(("※", "*", "＊")):
                    last = self.result.materials[-1]  # a title wrapped onto the next line
                    last.title = join_lines(last.title or "", FILE_NOTE_RE.sub("", line.text)) or None
                continue
            # Positions in the NFKC text match the printed one unless NFKC changed its length.
            printed = line.text if len(nfkc(line.text)) == len(line.text) else nfkc(line.text)
            label = printed[m.start(1) : m.end(1)]
            title = FILE_NOTE_RE.sub("", printed[m.start(2) : m.end(2)]).strip(SPACES + ":：") or None
            self.result.materials.append(MaterialEntry(label.strip(SPACES), title, line.number))

    def _section_absentees(self, section: _Section) -> None:
        self._section_attendees(section, absent=True)

    def _section_attendees(self, section: _Section, absent: bool = False) -> None:
        category: str | None = "member" if absent else category_of(section.keyword)
        organization: str | None = None
        group = ""
        pending: list[Line] = []

        def flush() -> None:
            if not pending:
                return
            joined = "".join(line.text for line in pending)
            if re.search(r"[、，,]", joined):
                parts = re.split(r"[、，,]", joined)
                entries = [(part, pending[0].number) for part in parts]
            else:
                entries = [(line.text, line.number) for line in pending]
            for text, number in entries:
                attendee = parse_attendee(text, category=category, organization=organization, group=group, line=number)
                if attendee:
                    (self.result.absentees if absent else self.result.attendees).append(attendee)
            pending.clear()

        for line in section.lines:
            if line.blank:
                flush()
                continue
            heading = self._attendee_heading(line.text)
            if heading is None:
                pending.append(line)
                continue
            flush()
            kind, label, value = heading
            if kind == "absent":
                absent = True
                category = category_of(label) or "member"
            elif kind == "group":
                group = label
            else:
                # Absentee lists name members; the secretariat or officials after them were present.
                absent = section.kind == "absentees" and kind == "member"
                category, group = kind, ""
                organization = label if kind == "ministry" and MINISTRY_RE.match(compact(label)) else None
            if value:
                pending.append(Line(line.number, value))
        flush()

    def _attendee_heading(self, text: str) -> tuple[str, str, str] | None:
        """(category or 'group' or 'absent', printed label, names on the same line) for a sub-heading."""
        m = re.match(
            rf"^(?:[(（]\s*{D}{{1,2}}\s*[)）]|{D}{{1,2}}\s*[.．、)]|[【［\[<＜《≪■◆●○・])?\s*"
            r"([^、，,:：】］\]>＞》≫]{1,30}?)\s*[】］\]>＞》≫]?\s*(?:[:：]\s*(.*))?$",
            text,
        )
        wrapped = re.match(r"^[(（\[［<＜【]\s*([^)）\]］>＞】]{1,20})\s*[)）\]］>＞】]$", text)
        if not wrapped:
            # （委員）大槻議長、… or 事務局　環境部長 山田: a category, then its names on the same line.
            leading = re.match(
                r"^(?:[(（【［\[<＜]\s*([^)）】］\]>＞]{1,12})\s*[)）】］\]>＞]|(\S{2,8})[ \u3000]+)\s*(.+)$", text
            )
            if leading:
                label = leading.group(1) or leading.group(2)
                leading_category = category_of(label) if compact(label) in CATEGORY_LABELS else None
                if leading_category and not re.match(r"^[、,]", leading.group(3)):
                    return leading_category, label, leading.group(3)
        if wrapped:
            label = wrapped.group(1)
            if compact(label).startswith("欠席"):
                return "absent", label, ""
            wrapped_category = category_of(label)
            if wrapped_category:
                return wrapped_category, label, ""
        if not m:
            return None
        marked = m.group(0) != text or bool(re.match(rf"^(?:[(（]\s*{D}|{D}|[【［\[<＜《≪■◆●○・])", text))
        label = HEADCOUNT_RE.sub("", m.group(1)).strip(SPACES)
        value = (m.group(2) or "").strip(SPACES)
        has_colon = m.group(2) is not None
        core = compact(label)
        if core.startswith("欠席") or core in ("(欠席)", "欠席"):
            return "absent", label, value
        if core in GROUP_KEYWORDS or (text.startswith("・") and core.startswith(GROUP_KEYWORDS)):
            return "group", label, value
        category = category_of(label)
        if category and (marked or has_colon or core == compact(label) and len(core) <= 8):
            if category == "ministry" and not (marked or has_colon):
                return None
            if not marked and not has_colon and core not in {k for k, _ in CATEGORY_KEYWORDS}:
                return None
            return category, label, value
        if has_colon and marked and not value:
            return "group", label, value
        return None

    # Agenda and statements ------------------------------------------------------------------

    def _parse_agenda(self, lines: list[Line], *, listing: bool) -> None:
        items = self.result.agenda_items
        attendees = self.result.attendees
        last_number = 0
        item: AgendaEntry | None = None
        statement: StatementEntry | None = None
        builder = ParagraphBuilder(self.wrap_width)

        def close() -> None:
            nonlocal statement
            text = builder.text()
            if statement is not None:
                statement.text = text or ""
                if item is not None and statement.text:
                    item.statements.append(statement)
                statement = None
            elif item is not None and text:
                item.proceedings = f"{item.proceedings}\n\n{text}" if item.proceedings else text
            builder.reset()

        def ensure_item(line: Line) -> AgendaEntry:
            nonlocal item
            if item is None:
                item = AgendaEntry(number=None, title="", line=line.number)
                items.append(item)
            return item

        for index, line in enumerate(lines):
            if line.blank:
                builder.add(line)
                continue
            if TRAILER_RE.match(line.text) and all(other.blank for other in lines[index + 1 :]):
                continue
            heading = match_agenda_heading(line.text)
            if heading and (last_number == 0 or heading[1] in (last_number + 1, 1)):
                close()
                printed, number, title = heading
                last_number = number
                existing = next(
                    (i for i in items if i.number and _number_value(i.number) == number and not i.statements), None
                )
                if existing is not None and not listing:
                    item = existing
                else:
                    item = AgendaEntry(number=printed, title=clean_inline(title), line=line.number)
                    items.append(item)
                continue
            speaker = self._speaker_line(line.text, attendees)
            if speaker:
                close()
                ensure_item(line)
                label, rest = speaker
                statement = StatementEntry(speaker=label, text="", line=line.number)
                if rest:
                    builder.add(Line(line.number, rest))
                continue
            if listing and item is None and statement is None and line.text.startswith("・") and len(line.text) < 60:
                items.append(AgendaEntry(number=None, title=line.text.lstrip("・").strip(SPACES), line=line.number))
                item = items[-1]
                continue
            ensure_item(line)
            builder.add(line)
        close()

    def _speaker_line(self, text: str, attendees: list[Attendee]) -> tuple[str, str] | None:
        bracket = BRACKET_SPEAKER_RE.match(text)
        if bracket:
            label, rest = bracket.group(1).strip(SPACES), bracket.group(2).strip(SPACES)
            if label and (
                looks_like_speaker(label, attendees) or (not rest and not label.endswith(NON_SPEAKER_BRACKETS))
            ):
                return label, rest
            return None
        circle = CIRCLE_SPEAKER_RE.match(text)
        if not circle:
            return None
        body = circle.group(1).strip(SPACES)
        split = re.match(r"^([^\s\u3000:：]{1,40})[\s\u3000:：]+(.*)$", body)
        if split and looks_like_speaker(split.group(1), attendees):
            return split.group(1), split.group(2).strip(SPACES)
        bracketed = re.match(r"^([^\s\u3000（(]{1,20}[（(][^）)\s]{1,20}[）)])\s*(.+)$", body)
        if bracketed:  # ○事務局（林室長）資料1に基づき説明。
            return bracketed.group(1), bracketed.group(2).strip(SPACES + ":：")
        for a in attendees:  # ○相田座長ただいまから…: the label is a known attendee
            for label in (a.family_name + (a.role or ""), a.name.replace(" ", "") + (a.role or "")):
                if a.role and body.startswith(label) and len(body) > len(label):
                    return label, body[len(label) :].strip(SPACES + ":：")
        suffix = re.match(
            r"^(.{1,12}?(?:座長代理|座長|委員長|構成員|委員|事務局|課長|室長|局長|部長|審議官|参事官))(.+)$", body
        )
        # A particle after the title makes it a sentence (○構成員から、…), not a speaker.
        if suffix and not re.match(r"^(?:から|より|は|が|の|に|を|と|も|等|各)", suffix.group(2)):
            return suffix.group(1), suffix.group(2).strip(SPACES + ":：")
        if split and len(split.group(1)) <= 20 and not split.group(1).endswith("。"):
            return split.group(1), split.group(2).strip(SPACES)
        return None

    # Checks ---------------------------------------------------------------------------------

    def _finish(self) -> None:
        result = self.result
        for item in result.agenda_items:
            texts = [item.proceedings or ""] + [s.text for s in item.statements]
            labels: list[str] = []
            for text in texts:
                for label in cited_materials(text):
                    if material_key(label) not in {material_key(x) for x in labels}:
                        labels.append(label)
            item.materials = labels
        if not result.date and not result.agenda_items and not result.attendees:
            raise MinutesError(
                "no minutes structure found (no date, attendee list, agenda heading or statement)", line=1
            )
        if not result.agenda_items and not result.date:
            raise MinutesError("no minutes structure found (no date and no agenda)", line=1)
        self._check_materials()
        self._check_speakers()
        self._check_headings()
        result.warnings.sort(key=lambda w: w.line)

    def _check_materials(self) -> None:
        result = self.result
        listed = {material_key(m.label) for m in result.materials}
        for item in result.agenda_items:
            for label in item.materials:
                key = material_key(label)
                if key in listed:
                    continue
                if self.listed_materials:
                    result.warnings.append(
                        ParseWarning(item.line, f"資料「{label}」が引用されていますが、配布資料にありません")
                    )
                else:  # no list printed: the citations are the list
                    result.materials.append(MaterialEntry(label, None, item.line))
                listed.add(key)
        if not self.listed_materials:
            result.materials.sort(key=lambda m: material_sort_key(m.label))

    def _check_speakers(self) -> None:
        self.result.warnings.extend(speaker_warnings(self.result))

    def _check_headings(self) -> None:
        for item in self.result.agenda_items:
            if item.number is None or item.proceedings or item.statements:
                continue
            if compact(item.title) in OPENING_CLOSING:
                continue
            self.result.warnings.append(ParseWarning(item.line, f"議事「{item.title}」に議事の内容がありません"))


def _number_value(printed: str) -> int | None:
    digits = re.sub(r"\D", "", nfkc(printed))
    return int(digits) if digits else None


def parse_minutes(text: str) -> ParsedMinutes:
    """Parse minutes text; raises MinutesError if it is empty or holds no minutes structure."""
    if not isinstance(text, str):
        raise MinutesError("input is not text")
    if not text.strip(SPACES + "\n\r\f\ufeff"):
        raise MinutesError("the file is empty", line=1)
    if "\x00" in text:
        raise MinutesError("the file is binary (NUL character)", line=text.count("\n", 0, text.index("\x00")) + 1)
    return _MinutesParser(text).parse()
