"""{% load jdates %}: {{ meeting.starts_at|era_date }}, {{ meeting|time_range }}."""

import datetime as dt

from django import template
from django.utils import timezone

from apps.core import jdates

register = template.Library()


def _local(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def era_date(value: dt.datetime | dt.date | None, arg: str = "") -> str:
    """Date in the Japanese era; `|era_date:"western"` adds the Western year."""
    if value is None:
        return ""
    local = _local(value)
    day = local.date() if isinstance(local, dt.datetime) else local
    return jdates.format_era_date(day, western=(arg == "western"))


@register.simple_tag
def time_range(start: dt.datetime | None, end: dt.datetime | None) -> str:
    if start is None:
        return ""
    return jdates.format_time_range(_local(start), _local(end) if end else None)  # type: ignore[arg-type]
