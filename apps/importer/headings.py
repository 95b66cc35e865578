"""Headings of minutes: section headings (１ 日時, ○出席者, 5.議事録) and agenda headings ((5)…, ≪1.開会≫)."""

from __future__ import annotations

import re
from typing import NamedTuple

from apps.importer.text import D, nfkc
from apps.importer.vocabulary import BARE_SECTION_KEYWORDS, NUMBERED_ONLY_KEYWORDS, SECTION_KEYWORDS, SPACES

# A file's size in parentheses: (PDF形式:13KB), [1.2MB pdfファイル]
FILE_SIZE_RE = re.compile(r"[(（\[［][^)）\]］]*\d\s*[KMkm][Bb][^)）\]］]*[)）\]］]")

# --- Section headings -----------------------------------------------------------------------

# Markers and numbering before a heading: ■, ○, 〇, ・, 【, 1., (1), 第1, 一、
_MARKER = r"[■●◆◇□○〇◯・≪《<\[【]"
_NUMBERING = "|".join(
    (
        r"第\s*[0-9一二三四五六七八九十]+\s*",
        r"[0-9]{1,2}\s*[.、:)]?\s*",
        r"[一二三四五六七八九十]{1,2}\s*[、.]\s*",
        r"[(][0-9]{1,2}[)]\s*",
    )
)
_PREFIX = rf"^(?P<marker>{_MARKER}\s*)?(?P<numbering>{_NUMBERING})?"


def _keyword_pattern(keyword: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in keyword)


SECTION_RE = re.compile(
    _PREFIX
    + "(?P<kw>"
    + "|".join(_keyword_pattern(k) for k in sorted(SECTION_KEYWORDS, key=len, reverse=True))
    + r")\s*(?:[(][^)]*[)])?\s*(?:[≫》>\]】]\s*[:：]?\s*|[:：]\s*|\s+|$)(?P<value>.*)$"
)


class Section(NamedTuple):
    kind: str  # datetime, venue, attendees, absentees, materials, agenda, proceedings, contact, …
    value: str  # what follows the heading on its line, as printed
    keyword: str
    numbered: bool = False  # 2.議事, not 議事


def match_section(text: str, *, in_body: bool = False) -> Section | None:
    """The section a heading line opens, if it is one: `１ 日時`, `○出席者:`, `5.議事録`.

    `in_body` is true once a first section has begun: a bare 議事録 is then a heading, not the title.
    """
    normalized = nfkc(text)
    if FILE_SIZE_RE.search(normalized):
        return None  # 議事次第 (PDF形式:13KB): a document in a list, not a heading
    bare = BARE_SECTION_KEYWORDS.get(normalized.strip(SPACES + "【】[]"))
    if bare:
        return Section(bare, "", normalized.strip(SPACES + "【】[]"))
    m = SECTION_RE.match(normalized)
    if not m:
        return None
    keyword = re.sub(r"\s+", "", m.group("kw"))
    value = m.group("value").strip()
    kind = SECTION_KEYWORDS[keyword]
    if keyword in NUMBERED_ONLY_KEYWORDS and not (m.group("numbering") or (in_body and not value)):
        return None
    # 「議事」「議題」 etc. followed by prose are sentences, not headings.
    if kind in ("agenda", "proceedings") and value and (value.endswith("。") or len(value) > 60):
        return None
    if kind in ("attendees", "absentees", "materials", "venue") and value.endswith("。") and "、" not in value:
        return None
    # Give the value back in its printed form.
    printed_value = text[len(text) - len(value) :] if value and nfkc(text).endswith(value) else value
    return Section(kind, printed_value.strip(SPACES), keyword, bool(m.group("numbering")))


# --- Agenda headings ------------------------------------------------------------------------


class Heading(NamedTuple):
    number: str  # as printed: （５）, 1., 日程第 1
    value: int
    title: str
    style: str  # paren, bracket, agenda, dot, space, schedule: numbers count on within a style


AGENDA_HEADING_RES = [
    ("paren", re.compile(rf"^(?P<num>[(（]\s*{D}{{1,2}}\s*[)）])\s*(?P<title>.+)$")),
    (
        "bracket",
        re.compile(rf"^[≪《«<＜]{{1,2}}\s*(?P<num>{D}{{1,2}})\s*[.．、]?\s*(?P<title>.+?)\s*[≫》»>＞]{{1,2}}$"),
    ),
    ("agenda", re.compile(rf"^(?P<num>(?:議事|議題)\s*{D}{{1,2}})\s*[.．:：、]?\s*(?P<title>.+)$")),
    ("schedule", re.compile(rf"^(?P<num>日程第\s*{D}{{1,2}})[{SPACES}]+(?P<title>.+)$")),
    ("dot", re.compile(rf"^(?P<num>{D}{{1,2}})\s*[.．、]\s*(?P<title>.+)$")),
    ("space", re.compile(rf"^(?P<num>{D}{{1,2}})[{SPACES}]+(?P<title>.+)$")),
]


def match_agenda_heading(text: str) -> Heading | None:
    """The agenda heading a line is, if any: （５）…, ≪1.開会≫, 議題2 …, 1. …, 日程第 1 …"""
    for style, pattern in AGENDA_HEADING_RES:
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
        number = re.sub(r"[ \u3000]", "", m.group("num"))
        return Heading(number, int(digits), title, style)
    return None


def number_value(printed: str) -> int | None:
    digits = re.sub(r"\D", "", nfkc(printed))
    return int(digits) if digits else None
