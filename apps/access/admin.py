"""Admin helpers: a secretariat sees and edits only the records of the bodies it runs."""

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from apps.access.permissions import secretariat_body_ids
from apps.directory.models import Body


class BodyScopedAdmin(admin.ModelAdmin):
    """Limit the change list and every object page to the secretariat's own bodies.

    `body_path` is the lookup from the model to its Body ("body", "meeting__body", …;
    "pk" for Body itself). Superusers see everything.
    """

    body_path = "body"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        body_ids = secretariat_body_ids(request.user)  # type: ignore[arg-type]
        if body_ids is None:
            return queryset
        return queryset.filter(**{f"{self.body_path}__in": body_ids})

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any) -> ModelChoiceField:
        # A secretariat may only file records under its own bodies.
        body_ids = secretariat_body_ids(request.user)  # type: ignore[arg-type]
        if db_field.related_model is Body and body_ids is not None:
            kwargs["queryset"] = Body.objects.filter(pk__in=body_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[return-value]

    def _in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)
