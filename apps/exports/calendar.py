"""The meetings of a body and its sub-bodies as an iCalendar (RFC 5545) feed, one VEVENT each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

from apps.directory.models import Body
from apps.meetings.models import Meeting
from apps.reports.selectors.formatting import meeting_heading

TOKYO = ZoneInfo("Asia/Tokyo")
# A calendar client downloads the whole feed on every refresh: the newest meetings, bounded.
MAX_EVENTS = 1000
STATUSES: dict[str, str] = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the meeting's life: clients update the event instead of adding another."""
    return f"meeting-{meeting.pk}@shingi"


def _tokyo(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TOKYO) if timezone.is_aware(moment) else moment.replace(tzinfo=TOKYO)


def meetings_calendar(body: Body, meetings: Iterable[Meeting], *, url_of: Callable[[Meeting], str]) -> bytes:
    """`meetings` with their body loaded; `url_of` gives a meeting's page as an absolute URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//Shingi//meetings//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{body.name} 開催予定・実績")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", meeting.modified)
        event.add("last-modified", meeting.modified)
        event.add("summary", meeting_heading(meeting))
        event.add("dtstart", _tokyo(meeting.starts_at))
        if meeting.ends_at:
            event.add("dtend", _tokyo(meeting.ends_at))
        venue = meeting.venue or ("Web開催" if meeting.mode == Meeting.Mode.ONLINE else "")
        if venue:
            event.add("location", venue)
        if meeting.title and meeting.title != meeting_heading(meeting):
            event.add("description", meeting.title)
        event.add("url", url_of(meeting))
        event.add("status", STATUSES[meeting.status])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
