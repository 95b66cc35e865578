"""Dates, times, venues and material labels as Japanese minutes print them."""

from __future__ import annotations

import datetime as dt
import re

from apps.core.jdates import ERA_BY_NAME, gregorian_year
from apps.importer.result import MinutesError
from apps.importer.text import nfkc
from apps.importer.vocabulary import DASHES, SPACES

ERAS = "|".join(ERA_BY_NAME)
# Patterns over NFKC text with kanji numerals written as digits (see `numerals`).
DATE_RE = re.compile(
    rf"({ERAS})\s*(元|\d{{1,3}})\s*年\s*(?:[(（]\s*\d{{4}}\s*年?\s*[)）]\s*)?(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日"
    r"|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})"
    r"|(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)"  # 06/27/2022, as some assembly databases print it
)
# A fiscal year and a day without its year: 平成29年度 … (8月18日).
FISCAL_YEAR_RE = re.compile(rf"({ERAS})\s*(元|\d{{1,3}})\s*年度")
MONTH_DAY_RE = re.compile(r"(?<![年\d])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
KANJI_NUMBER_RE = re.compile(r"[〇零一二三四五六七八九十百千]+(?=\s*(?:年|月|日|時|分|名|人))")
KANJI_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
WEEKDAY_RE = re.compile(r"[(（][月火水木金土日](?:曜日?)?(?:[・･][祝休]日?)?[)）]")
_TIME = r"(午前|午後)?\s*(\d{1,2})\s*(?:時(?!間)\s*(?:(\d{1,2})\s*分|(半))?|:\s*(\d{2}))"
# 14時~16時40分, 16時から17時45分まで, 開会 午前10時01分〜閉会 午前11時00分, 10時00分開会 10時38分閉会.
_BETWEEN = rf"(?:\s*(?:[{DASHES}]|から)\s*(?:閉会|閉議|散会)?\s*|\s*(?:開会|開議)\s+)"
TIME_RANGE_RE = re.compile(_TIME + _BETWEEN + _TIME)
CLOSING_RE = re.compile(r"^\s*(?:閉会|閉議|散会|終了)")
TIME_RE = re.compile(_TIME)
MATERIAL_LABEL = r"(?:参考資料|資料)\s*[-−ー－‐]?\s*[0-9A-Za-z]+(?:\s*[-ー－‐―−の]\s*[0-9]+)*"
MATERIAL_LINE_RE = re.compile(rf"^[・\-\s【\[]*({MATERIAL_LABEL}|参考資料|追加資料)[】\]]?\s*[:：|]?\s*(.*)$")
# 資料2、3-1、3-2、4をもとに: numbers listed after a cited label share its prefix.
LISTED_NUMBER_RE = re.compile(r"\s*(?:、|,|及び|と)\s*(\d+(?:\s*[-－‐―−]\s*\d+)*)(?![\d年月日時分点件名号回条])")
MATERIAL_CITE_RE = re.compile(
    rf"({MATERIAL_LABEL})(?:\s*(?:から|[{DASHES}])\s*((?:参考資料|資料)?\s*[0-9]+(?:\s*[-－‐―−]\s*[0-9]+)*))?"
)
FILE_NOTE_RE = re.compile(
    r"\s*[\[［(（][^\[\]［］()（）]*(?:KB|MB|kb|mb|PDF|pdf|ファイル|形式)[^\[\]［］()（）]*[\]］)）]\s*$"
)


# --- Dates, times, venues -------------------------------------------------------------------


def _kanji_number(text: str) -> int:
    """二十七 → 27, 十一 → 11, 二〇〇六 → 2006."""
    if not any(ch in "十百千" for ch in text):
        return int("".join(str(KANJI_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in KANJI_DIGITS:
            digit = KANJI_DIGITS[ch]
        else:
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = 0
    return total + digit


def numerals(text: str) -> str:
    """NFKC text with kanji numerals before a date, time or count unit written as digits."""
    return KANJI_NUMBER_RE.sub(lambda m: str(_kanji_number(m.group(0))), nfkc(text))


def parse_date(text: str, line: int) -> tuple[dt.date, tuple[int, int]] | None:
    """The first date in the line and its span in the text as `numerals` writes it."""
    normalized = numerals(text)
    m = DATE_RE.search(normalized)
    if not m:
        return None
    try:
        if m.group(1):
            era_year = 1 if m.group(2) == "元" else int(m.group(2))
            year, month, day = gregorian_year(m.group(1), era_year), int(m.group(3)), int(m.group(4))
        elif m.group(5):
            year, month, day = int(m.group(5)), int(m.group(6)), int(m.group(7))
        elif m.group(8):
            year, month, day = int(m.group(8)), int(m.group(9)), int(m.group(10))
        else:
            year, month, day = int(m.group(13)), int(m.group(11)), int(m.group(12))
        return dt.date(year, month, day), m.span()
    except ValueError as exc:
        raise MinutesError(f"invalid date 「{m.group(0)}」", line=line) from exc


def fiscal_year_date(fiscal_text: str, day_text: str, line: int) -> dt.date | None:
    """平成29年度 with 8月18日 → 2017-08-18 (a Japanese fiscal year runs from April to March)."""
    fiscal = FISCAL_YEAR_RE.search(numerals(fiscal_text))
    day = MONTH_DAY_RE.search(numerals(day_text))
    if not fiscal or not day:
        return None
    start_year = gregorian_year(fiscal.group(1), 1 if fiscal.group(2) == "元" else int(fiscal.group(2)))
    month = int(day.group(1))
    try:
        return dt.date(start_year if month >= 4 else start_year + 1, month, int(day.group(2)))
    except ValueError as exc:
        raise MinutesError(f"invalid date 「{day.group(0)}」", line=line) from exc


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
    venue = re.sub(r"\s*※.*$", "", text).strip(SPACES + "、,・")
    venue = re.sub(r"^於\s*[、,:：]?\s*", "", venue)
    venue = re.sub(r"^(?:場所|会場)\s*[:：]\s*", "", venue)
    return venue.strip(SPACES) or None


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
        prefix = re.match(r"(?:参考資料|資料)", m.group(1))
        position = m.end()
        while prefix and (listed := LISTED_NUMBER_RE.match(normalized, position)):
            labels.append(prefix.group(0) + listed.group(1))
            position = listed.end()
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
