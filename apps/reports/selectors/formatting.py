"""How documents print what they share: full-width numbers, meeting headings, era dates, attendance headings."""

import datetime as dt

from django.utils import timezone

from apps.core import jdates
from apps.directory.models import Body
from apps.meetings.models import Attendance, Meeting

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# 出席者 sub-headings in the order the ministry prints them; None: the host ministry (総務省).
ATTENDANCE_HEADINGS: list[tuple[str, str | None]] = [
    (Attendance.Category.MEMBER, "構成員"),
    (Attendance.Category.OPERATOR, "関係事業者"),
    (Attendance.Category.OBSERVER, "オブザーバー"),
    (Attendance.Category.MINISTRY, None),
    (Attendance.Category.SECRETARIAT, "事務局"),
    (Attendance.Category.OTHER, "その他"),
]


def fullwidth(number: int) -> str:
    return str(number).translate(FULLWIDTH_DIGITS)


def meeting_heading(meeting: Meeting) -> str:
    """非常時における事業者間ローミング等に関する検討会（第６回）"""
    return f"{meeting.body.name}（第{fullwidth(meeting.number)}回）"


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def era_datetime_range(start: dt.datetime, end: dt.datetime | None) -> str:
    """令和4年12月20日（火）15時00分～16時57分"""
    local_start = timezone.localtime(start) if timezone.is_aware(start) else start
    local_end = (timezone.localtime(end) if timezone.is_aware(end) else end) if end else None
    return jdates.format_era_date(local_start.date()) + jdates.format_time_range(local_start, local_end)


def venue_label(meeting: Meeting) -> str:
    """The venue as printed; an online meeting without one is Web開催."""
    return meeting.venue or ("Web開催" if meeting.mode == Meeting.Mode.ONLINE else "")


def host_ministry_name(body: Body) -> str:
    """The heading of the officials' attendance: the ministry above the host bureau."""
    return body.host.top_level.name if body.host else "事務局"


def meeting_label(meeting: Meeting | None, *, with_body: bool = False) -> str:
    """第６回（令和4年12月20日）; with the body's short name where several bodies report together."""
    if meeting is None:
        return ""
    label = f"第{fullwidth(meeting.number)}回（{jdates.format_era_date(local_date(meeting.starts_at), weekday=False)}）"
    if with_body:
        label = f"{meeting.body.short_name or meeting.body.name} {label}"
    return label
