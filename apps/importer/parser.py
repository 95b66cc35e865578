"""Parse Japanese meeting minutes (議事要旨, 議事録) into plain data.

Plain Python over plain data (no Django): `parse_minutes(text)` returns a `ParsedMinutes` or
raises `MinutesError` (what and where). The layout knowledge lives in small tables below
(section keywords, role suffixes, attendee categories) so that a new publisher's format is
usually one more entry, not new code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from apps.importer.vocabulary import (
    CATEGORY_KEYWORDS,
    CATEGORY_LABELS,
    DASHES,
    ERA_OFFSETS,
    GROUP_KEYWORDS,
    LEGAL_FORMS,
    MINISTRY_RE,
    NON_SPEAKER_BRACKETS,
    OPENING_CLOSING,
    ORG_MARKERS,
    ROLE_SUFFIXES,
    SECTION_KEYWORDS,
    SPACES,
    TITLE_ENDINGS,
    TITLE_STARTS,
)


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

    def to_dict(self) -> dict:
        return {"speaker": self.speaker, "text": self.text}


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

    def to_dict(self) -> dict:
        return {"line": self.line, "message": self.message}


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

    def speaker(self, label: str) -> SpeakerMatch:
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
        }


# Patterns over NFKC text.
DATE_RE = re.compile(
    r"(令和|平成|昭和|大正)\s*(元|\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})"
)
WEEKDAY_RE = re.compile(r"[(（][月火水木金土日](?:曜日?)?(?:[・･][祝休]日?)?[)）]")
_TIME = r"(午前|午後)?\s*(\d{1,2})\s*(?:時\s*(?:(\d{1,2})\s*分|(半))?|:\s*(\d{2}))"
TIME_RANGE_RE = re.compile(_TIME + rf"\s*(?:[{DASHES}]|から)\s*" + _TIME)
TIME_RE = re.compile(_TIME)
HEADCOUNT_RE = re.compile(r"[(（]?\s*(?:以上|計|合計)?\s*[、,]?\s*\d+\s*名\s*[)）]?$|[(（]\s*敬称略\s*[)）]")
MATERIAL_LABEL = r"(?:参考資料|資料)\s*[0-9A-Za-z]+(?:\s*[-ー－‐―−の]\s*[0-9]+)*"
MATERIAL_LINE_RE = re.compile(rf"^[・\-\s]*({MATERIAL_LABEL})\s*[:：]?\s*(.*)$")
MATERIAL_CITE_RE = re.compile(
    rf"({MATERIAL_LABEL})(?:\s*(?:から|[{DASHES}])\s*((?:参考資料|資料)?\s*[0-9]+(?:\s*[-－‐―−]\s*[0-9]+)*))?"
)
FILE_NOTE_RE = re.compile(
    r"\s*[\[［(（][^\[\]［］()（）]*(?:KB|MB|kb|mb|PDF|pdf|ファイル|形式)[^\[\]［］()（）]*[\]］)）]\s*$"
)

# Patterns over printed text (full- or half-width).
D = "[0-9０-９]"
AGENDA_HEADING_RES = [
    re.compile(rf"^(?P<num>[(（]\s*{D}{{1,2}}\s*[)）])\s*(?P<title>.+)$"),
    re.compile(rf"^[≪《«<＜]{{1,2}}\s*(?P<num>{D}{{1,2}})\s*[.．、]?\s*(?P<title>.+?)\s*[≫》»>＞]{{1,2}}$"),
    re.compile(rf"^(?P<num>(?:議事|議題)\s*{D}{{1,2}})\s*[.．:：、]?\s*(?P<title>.+)$"),
    re.compile(rf"^(?P<num>{D}{{1,2}})\s*[.．、]\s*(?P<title>.+)$"),
    re.compile(rf"^(?P<num>{D}{{1,2}})[{SPACES}]+(?P<title>.+)$"),
]
BRACKET_SPEAKER_RE = re.compile(r"^【([^【】]{1,40})】\s*(.*)$")
CIRCLE_SPEAKER_RE = re.compile(r"^[○◯〇]\s*(.+)$")
PAGE_NUMBER_RE = re.compile(rf"^[{DASHES}\s]*{D}{{1,3}}[{DASHES}\s]*$|^{D}{{1,3}}\s*/\s*{D}{{1,3}}$")
TRAILER_RE = re.compile(r"^(?:以\s*上|[(（]?\s*文責[^)）]*[)）]?)$")
SENTENCE_END = "。．.！？!?」』）)"


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """NFKC without any whitespace, the form labels are compared in."""
    return re.sub(r"\s+", "", nfkc(text))


@lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WFA" and not ch.isspace()


def _join(left: str, right: str) -> str:
    """Join a hard-wrapped line: no space between Japanese characters, one between words."""
    if not left:
        return right
    if not right:
        return left
    if left[-1].isascii() and right[0].isascii() and left[-1].isalnum() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def clean_inline(text: str) -> str:
    """Drop stray spaces between Japanese characters (PDF extraction artefacts)."""
    return re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])", "", text).strip()


# --- Lines ----------------------------------------------------------------------------------


@dataclass
class Line:
    number: int  # 1-based line number in the file
    text: str  # stripped; "" for a blank line
    indented: bool = False  # starts with a space that opens a paragraph (not a page-break artefact)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Lines with their numbers; blank lines and page-break artefacts made explicit.

    Text extracted from PDFs is often double-spaced (every line followed by an empty line),
    with paragraph breaks as lines holding a single space; across a page break the empty line
    is missing and the next line keeps a spurious leading space.
    """
    raw = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    contents = [i for i, r in enumerate(raw) if r.strip(SPACES + "\f")]
    followed_by_empty = sum(1 for i in contents if i + 1 < len(raw) and raw[i + 1] == "")
    double_spaced = len(contents) >= 4 and followed_by_empty >= 0.6 * len(contents)

    lines: list[Line] = []
    after_break = False  # the next content line continues across a page break
    previous_raw = ""
    for index, original in enumerate(raw):
        number = index + 1
        if "\f" in original:
            after_break = True
            original = original.replace("\f", "")
        stripped = original.strip(SPACES)
        if double_spaced and original == "":
            previous_raw = original
            continue
        if not stripped:
            lines.append(Line(number, ""))
            previous_raw = original
            continue
        if PAGE_NUMBER_RE.match(stripped):
            after_break = True
            continue
        continuation = after_break or (double_spaced and previous_raw.strip(SPACES) != "")
        indented = original[:1] in SPACES and not continuation
        lines.append(Line(number, stripped, indented))
        after_break = False
        previous_raw = original
    return lines


def table_row(text: str) -> str:
    """`| 日時 | 令和4年… |` → `日時 令和4年…`; separator rows → ""."""
    cells = [c.strip(SPACES) for c in re.split(r"[|｜]", text)]
    cells = [c for c in cells if c]
    if all(re.fullmatch(r"[-:：ー－\s]+", c) for c in cells):
        return ""
    return " ".join(cells)


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


# --- Dates, times, venues -------------------------------------------------------------------


def parse_date(text: str, line: int) -> tuple[dt.date, tuple[int, int]] | None:
    """The first date in the line and its span in the NFKC text."""
    normalized = nfkc(text)
    m = DATE_RE.search(normalized)
    if not m:
        return None
    try:
        if m.group(1):
            era_year = 1 if m.group(2) == "元" else int(m.group(2))
            year, month, day = ERA_OFFSETS[m.group(1)] + era_year, int(m.group(3)), int(m.group(4))
        elif m.group(5):
            year, month, day = int(m.group(5)), int(m.group(6)), int(m.group(7))
        else:
            year, month, day = int(m.group(8)), int(m.group(9)), int(m.group(10))
        return dt.date(year, month, day), m.span()
    except ValueError as exc:
        raise MinutesError(f"invalid date 「{m.group(0)}」", line=line) from exc


def _clock(meridiem: str | None, hour: str, minute: str | None, half: str | None, colon_minute: str | None) -> tuple:
    return meridiem, int(hour), int(minute or colon_minute or (30 if half else 0))


def _to_time(meridiem: str | None, hour: int, minute: int, line: int) -> dt.time:
    if meridiem == "午後" and hour < 12:
        hour += 12
    if hour == 24 and minute == 0:
        hour = 0
    try:
        return dt.time(hour, minute)
    except ValueError as exc:
        raise MinutesError(f"invalid time {hour}:{minute:02d}", line=line) from exc


def parse_time_range(text: str, line: int) -> tuple[dt.time | None, dt.time | None, tuple[int, int] | None]:
    """Start and end of `午後2時~4時15分`; 午前/午後 apply to both ends unless the end says otherwise."""
    m = TIME_RANGE_RE.search(text)
    if m:
        start_m, start_h, start_min = _clock(*m.groups()[0:5])
        end_m, end_h, end_min = _clock(*m.groups()[5:10])
        start = _to_time(start_m, start_h, start_min, line)
        end = _to_time(end_m or (start_m if end_h <= 12 else None), end_h, end_min, line)
        if end <= start:
            raise MinutesError(f"the meeting ends ({end:%H:%M}) before it starts ({start:%H:%M})", line=line)
        return start, end, m.span()
    m = TIME_RE.search(text)
    if m:
        meridiem, hour, minute = _clock(*m.groups())
        return _to_time(meridiem, hour, minute, line), None, m.span()
    return None, None, None


def clean_venue(text: str) -> str | None:
    venue = text.strip(SPACES + "、,・")
    venue = re.sub(r"^於\s*[、,:：]?\s*", "", venue)
    venue = re.sub(r"^(?:場所|会場)\s*[:：]\s*", "", venue)
    return venue.strip(SPACES) or None


# --- Attendees ------------------------------------------------------------------------------


def is_org_like(text: str) -> bool:
    normalized = nfkc(text)
    return any(marker in normalized for marker in ORG_MARKERS)


def is_title_like(text: str) -> bool:
    return text.endswith(TITLE_ENDINGS) or any(text.endswith(s) for s in ROLE_SUFFIXES)


def split_role_suffix(text: str) -> tuple[str, str] | None:
    for suffix in ROLE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].strip(SPACES), suffix
    return None


def split_official(text: str) -> tuple[str, str | None]:
    """竹村総合通信基盤局長 → (竹村, 総合通信基盤局長): the name is where a title word begins."""
    katakana = re.match(r"^[ァ-ヴー]+", text)
    if katakana and katakana.end() < len(text):
        return text[: katakana.end()], text[katakana.end() :]
    for cut in (2, 1, 3):
        if len(text) > cut + 1 and text[cut:].startswith(TITLE_STARTS):
            return text[:cut], text[cut:]
    if len(text) > 3 and text.endswith(TITLE_ENDINGS):
        return text[:2], text[2:]
    return text, None


def category_of(text: str) -> str | None:
    """The attendee category a sub-heading names, if any."""
    normalized = compact(text)
    for keyword, category in CATEGORY_KEYWORDS:
        if normalized.startswith(keyword) or normalized.endswith(keyword):
            return category
    if MINISTRY_RE.match(normalized):
        return "ministry"
    return None


def parse_attendee(text: str, *, category: str | None, organization: str | None, group: str, line: int):
    """One printed attendee: `相田座長`, `株式会社NTTドコモ 小林 宏`, `相田 仁（東京大学）`, an organization."""
    entry = HEADCOUNT_RE.sub("", text).strip(SPACES + "・、,")
    entry = re.sub(r"^[・\-－]\s*", "", entry)
    if not entry or len(entry) > 120:
        return None
    make = lambda name, role=None, org=organization: Attendee(  # noqa: E731
        name=name, role=role, organization=org, category=category, group=group, line=line
    )
    parenthesised = re.match(r"^(.+?)[(（](.+)[)）]$", entry)
    if parenthesised and category != "observer" and not is_org_like(parenthesised.group(1)):
        name, note = parenthesised.group(1).strip(SPACES), parenthesised.group(2).strip(SPACES)
        if is_org_like(note) and not is_title_like(note):
            return make(name, None, note)
        return make(name, note)
    tokens = entry.split()
    if len(tokens) >= 2 and is_org_like(tokens[0]) and category != "member":
        rest = tokens[1:]
        if len(rest) > 1 and is_title_like(rest[-1]):
            return make(" ".join(rest[:-1]), rest[-1], tokens[0])
        return make(" ".join(rest), None, tokens[0])
    if len(tokens) >= 2:
        if is_title_like(tokens[-1]) and len(tokens[-1]) > 1:
            return make(" ".join(tokens[:-1]), tokens[-1])
        if is_title_like(tokens[0]) and len(tokens[0]) > 1:  # 環境部長 山田 (title first)
            return make(" ".join(tokens[1:]), tokens[0])
        return make(" ".join(tokens))
    if category == "observer" or (is_org_like(entry) and category != "ministry" and not split_role_suffix(entry)):
        return make(entry, None, entry)
    suffix = split_role_suffix(entry)
    if suffix:
        return make(*suffix)
    if category in ("ministry", "secretariat", "other"):
        name, title = split_official(entry)
        return make(name, title)
    return make(entry)


# --- Speakers -------------------------------------------------------------------------------


@dataclass
class SpeakerMatch:
    attendee: Attendee | None = None
    organization: str | None = None  # the printed organization the label names
    family_name: str | None = None  # the person the label names


def organization_core(name: str) -> str:
    core = compact(name)
    for form in LEGAL_FORMS:
        core = core.replace(form, "")
    return core


def organizations_match(short: str, full: str) -> bool:
    a, b = organization_core(short), organization_core(full)
    if not a or not b:
        return False
    return a == b or (len(a) >= 2 and a in b) or (len(b) >= 2 and b in a)


def _names_person(person_part: str, attendee: Attendee) -> bool:
    """小林 names 小林 宏; 山口課長 names 山口 (電気通信技術システム課長)."""
    family = compact(attendee.family_name)
    if person_part == family:
        return True
    rest = person_part[len(family) :] if person_part.startswith(family) else ""
    return bool(rest and attendee.role and compact(attendee.role).endswith(rest) and rest[-1] in "長官員")


def match_speaker(label: str, attendees: list[Attendee], aliases: dict[str, str] | None = None) -> SpeakerMatch:
    """Who a printed speaker label names: 藤井構成員, ＮＴＴドコモ（小林）, 山口電気通信技術システム課長.

    `aliases` maps other names of an organization (IIJ) to the name the attendance prints.
    """
    key = compact(label)
    people = [a for a in attendees if not a.is_organization]
    for a in people:
        if compact(a.family_name + (a.role or "")) == key or compact(a.name + (a.role or "")) == key:
            return SpeakerMatch(a, a.organization, a.family_name)
    org_person = re.match(r"^(.+?)[(](.+?)[)]$", key)
    if org_person:
        org_part, person_part = org_person.groups()
        org_part = (aliases or {}).get(organization_core(org_part), org_part)
        for a in people:
            if _names_person(person_part, a) and a.organization and organizations_match(org_part, a.organization):
                return SpeakerMatch(a, a.organization, a.family_name)
        # 事務局（山口課長）: the secretariat or officials, named with their title.
        if compact(org_part).startswith("事務局"):
            officials = [
                a for a in people if a.category in ("secretariat", "ministry") and _names_person(person_part, a)
            ]
            if len(officials) == 1:
                return SpeakerMatch(officials[0], officials[0].organization, officials[0].family_name)
        organization = next(
            (a.organization for a in attendees if a.organization and organizations_match(org_part, a.organization)),
            org_part,
        )
        return SpeakerMatch(None, organization, person_part)
    # 西浦室長 for 西浦 安全・信頼性対策室長; 相田 for 相田座長.
    candidates = [
        a
        for a in people
        if key.startswith(compact(a.family_name))
        and (
            key == compact(a.family_name)
            or (a.role and compact(a.role).endswith(key[len(compact(a.family_name)) :]) and key[-1] in "長官員")
        )
    ]
    if len(candidates) == 1:
        return SpeakerMatch(candidates[0], candidates[0].organization, candidates[0].family_name)
    # ○環境課長: the title alone, when one attendee holds it.
    holders = [a for a in people if a.role and compact(a.role) == key]
    if len(holders) == 1:
        return SpeakerMatch(holders[0], holders[0].organization, holders[0].family_name)
    suffix = split_role_suffix(label)
    return SpeakerMatch(None, None, suffix[0] if suffix else None)


def looks_like_speaker(label: str, attendees: list[Attendee]) -> bool:
    if any(label.endswith(word) for word in NON_SPEAKER_BRACKETS):
        return False
    if match_speaker(label, attendees).attendee is not None:
        return True
    normalized = nfkc(label)
    return bool(re.match(r"^.+[(].+[)]$", normalized) or normalized.startswith("事務局") or is_title_like(normalized))


# --- Paragraphs -----------------------------------------------------------------------------


class ParagraphBuilder:
    """Hard-wrapped lines → paragraphs separated by a blank line."""

    def __init__(self, wrap_width: int | None) -> None:
        self.wrap_width = wrap_width
        self.reset()

    def reset(self) -> None:
        self.paragraphs: list[str] = []
        self.current = ""
        self.last_line = ""

    def add(self, line: Line) -> None:
        if line.blank:
            self.flush()
            return
        if self.current and (line.indented or self._ended_paragraph(self.last_line)):
            self.flush()
        self.current = _join(self.current, line.text)
        self.last_line = line.text

    def _ended_paragraph(self, previous: str) -> bool:
        if self.wrap_width is None:  # not hard-wrapped: a line ending a sentence ends its paragraph
            return previous.endswith(tuple(SENTENCE_END))
        return previous.endswith(tuple(SENTENCE_END)) and display_width(previous) < 0.85 * self.wrap_width

    def flush(self) -> None:
        if self.current:
            self.paragraphs.append(clean_inline(self.current))
        self.current = ""
        self.last_line = ""

    def text(self) -> str | None:
        self.flush()
        return "\n\n".join(self.paragraphs) or None


def wrap_width_of(lines: list[Line]) -> int | None:
    """The width text was hard-wrapped at, or None if lines are whole paragraphs."""
    widths = sorted(display_width(line.text) for line in lines if len(line.text) >= 15)
    if len(widths) < 5:
        return None
    widest = widths[int(len(widths) * 0.95) - 1] if len(widths) >= 20 else widths[-1]
    near = sum(1 for w in widths if w >= 0.8 * widest)
    return widest if near >= 0.5 * len(widths) else None


# --- Material citations ---------------------------------------------------------------------


def material_key(label: str) -> str:
    """Comparison form of a material label: 資料６－１ == 資料6-1."""
    key = re.sub(r"\s+", "", nfkc(label))
    return re.sub(r"[ー－‐―−の]", "-", key)


def material_sort_key(label: str) -> str:
    key = material_key(label)
    prefix = "2" if key.startswith("参考") else "1"
    numbers = [int(n) for n in re.findall(r"\d+", key)][:4]
    return prefix + "".join(f"{min(n, 9999):04d}" for n in numbers) + re.sub(r"[\d-]", "", key)[-20:]


def _with_last_number(label: str, number: int) -> str:
    """資料６－８ with 9 → 資料６－９, keeping the digits' width."""
    m = list(re.finditer(r"[0-9０-９]+", label))[-1]
    wide = m.group(0)[0] in "０１２３４５６７８９"
    digits = str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if wide else str(number)
    return label[: m.start()] + digits + label[m.end() :]


def cited_materials(text: str) -> list[str]:
    """Labels cited in a sentence, ranges expanded: 資料６－８から資料６－１３ → 資料６－８ … 資料６－１３."""
    labels: list[str] = []
    normalized = nfkc(text)
    if len(normalized) != len(text):  # keep printed labels only when positions line up
        text = normalized
    for m in MATERIAL_CITE_RE.finditer(normalized):
        first = text[m.start(1) : m.end(1)]
        labels.append(first)
        if not m.group(2):
            continue
        start_numbers = re.findall(r"\d+", m.group(1))
        end_numbers = re.findall(r"\d+", m.group(2))
        if not start_numbers or not end_numbers:
            continue
        start, end = int(start_numbers[-1]), int(end_numbers[-1])
        same_series = start_numbers[:-1] == end_numbers[:-1] or len(end_numbers) == 1
        if same_series and start < end <= start + 50:
            labels.extend(_with_last_number(first, n) for n in range(start + 1, end + 1))
    return labels


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
                    last.title = _join(last.title or "", FILE_NOTE_RE.sub("", line.text)) or None
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
        if suffix:
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


def speaker_warnings(result: ParsedMinutes, aliases: dict[str, str] | None = None) -> list[ParseWarning]:
    """One warning per speaker label that names nobody in the attendance."""
    if not result.attendees:
        return []
    warnings: list[ParseWarning] = []
    seen: set[str] = set()
    for item in result.agenda_items:
        for statement in item.statements:
            label = statement.speaker
            if label in seen or compact(label).startswith("事務局"):
                continue
            seen.add(label)
            if match_speaker(label, result.attendees, aliases or result.organization_aliases).attendee is None:
                message = f"発言者「{label}」が出席者一覧にありません"
                warnings.append(ParseWarning(statement.line, message, speaker=label))
    return warnings


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
