"""Japanese-era dates as written in official documents (令和4年12月20日（火）)."""

import datetime as dt
from typing import NamedTuple

WEEKDAYS = "月火水木金土日"


class Era(NamedTuple):
    name: str
    first_day: dt.date


# Newest first; each era starts on the day of accession.
ERAS = (
    Era("令和", dt.date(2019, 5, 1)),
    Era("平成", dt.date(1989, 1, 8)),
    Era("昭和", dt.date(1926, 12, 25)),
    Era("大正", dt.date(1912, 7, 30)),
    Era("明治", dt.date(1868, 1, 25)),
)
ERA_BY_NAME = {era.name: era for era in ERAS}


def era_of(day: dt.date) -> Era:
    for era in ERAS:
        if day >= era.first_day:
            return era
    raise ValueError(f"{day.isoformat()} is before the Meiji era")


def era_year(day: dt.date) -> tuple[str, int]:
    era = era_of(day)
    return era.name, day.year - era.first_day.year + 1


def gregorian_year(era_name: str, year: int) -> int:
    """令和4 → 2022. Raises KeyError for an unknown era name."""
    return ERA_BY_NAME[era_name].first_day.year + year - 1


def format_era_date(day: dt.date, *, weekday: bool = True, western: bool = False) -> str:
    """令和4年12月20日（火）; 令和元年 for the first year; (2022年) after the year if western."""
    name, year = era_year(day)
    year_text = "元" if year == 1 else str(year)
    text = f"{name}{year_text}年"
    if western:
        text += f"（{day.year}年）"
    text += f"{day.month}月{day.day}日"
    if weekday:
        text += f"（{WEEKDAYS[day.weekday()]}）"
    return text


def format_time(moment: dt.time | dt.datetime) -> str:
    return f"{moment.hour}時{moment.minute:02d}分"


def format_time_range(start: dt.time | dt.datetime, end: dt.time | dt.datetime | None) -> str:
    """15時00分～16時57分 (the end is left out when unknown)."""
    if end is None:
        return f"{format_time(start)}～"
    return f"{format_time(start)}～{format_time(end)}"
