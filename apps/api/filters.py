"""Filter parts shared by every list."""

import datetime as dt

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date and time, handed to the database in UTC: PostgreSQL refuses offsets
    beyond ±16 hours that Python accepts, and a bad value must be a 400, not a 500."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(dt.UTC)
        except OverflowError as error:
            raise ValidationError(_("Date and time out of range."), code="invalid") from error


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class SyncFilterSet(django_filters.FilterSet):
    """Base of every list's filters: incremental sync by modification time."""

    modified_since = IsoDateTimeFilter(
        field_name="modified",
        lookup_expr="gte",
        label="この日時以降に作成・変更されたもののみ（ISO 8601）。削除されたものは /api/v1/tombstones/ / "
        "Only records created or changed at or after this time (ISO 8601); deletions are listed at "
        "/api/v1/tombstones/.",
    )
