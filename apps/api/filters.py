"""Filter parts shared by every list."""

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.drainage import set_override

# Query parameters that may be given empty (`?q=` searches for everything); the schema says so
# (apps.api.schema). Any other parameter given without a value is a 400.
EMPTY_ALLOWED = frozenset({"q"})


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


class IdFilter(django_filters.NumberFilter):
    """A record id: an integer (NumberFilter alone takes 0.5 or 1e3)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The schema says so too, keeping the filter's label as the parameter's description.
        set_override(self, "field", {"type": "integer", "description": str(self.label or "")})


class SyncFilterSet(django_filters.FilterSet):
    """Base of every list's filters: incremental sync by modification time; a parameter given
    without a value is refused rather than ignored (except those of EMPTY_ALLOWED)."""

    modified_since = IsoDateTimeFilter(
        field_name="modified",
        lookup_expr="gte",
        label="この日時以降に作成・変更されたもののみ（ISO 8601）。削除されたものは /api/v1/tombstones/ / "
        "Only records created or changed at or after this time (ISO 8601); deletions are listed at "
        "/api/v1/tombstones/.",
    )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            if name not in EMPTY_ALLOWED and name in self.data and not any(self.data.getlist(name)):
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid
