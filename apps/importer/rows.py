"""Bulk writes of imported rows: field checks that name the source line, and a sync that keeps row ids."""

from typing import TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.importer.result import MinutesError

ModelT = TypeVar("ModelT", bound=models.Model)


def checked(obj: ModelT, line: int) -> ModelT:
    """Field checks without queries (bulk inserts skip save()); a bad value names its line."""
    foreign_keys = [f.name for f in obj._meta.fields if f.is_relation]
    try:
        obj.clean_fields(exclude=foreign_keys)
    except ValidationError as exc:
        fields = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items())
        raise MinutesError(f"{obj._meta.verbose_name}: {fields}", line=line) from exc
    return obj


def differs(old: models.Model, new: models.Model, fields: list[str]) -> bool:
    columns = {f.name: f.attname for f in old._meta.concrete_fields}
    return any(getattr(old, columns[name]) != getattr(new, columns[name]) for name in fields)


def sync_rows(model: type[ModelT], existing: list[ModelT], wanted: list[ModelT], by: User | None) -> list[ModelT]:
    """Make `existing` rows (in order) hold `wanted`: update by position, insert extras, delete the surplus.

    Updating in place keeps what other records point at (issue tags on statements, reviewers'
    suggestions), so a re-import does not lose them.
    """
    now = timezone.now()
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in ("created", "modified")
    ]
    kept, changed = [], []
    for old, new in zip(existing, wanted, strict=False):
        new.pk, new.created, new.modified = old.pk, old.created, old.modified  # type: ignore[attr-defined]
        kept.append(new)
        if differs(old, new, fields):
            new.modified = now  # type: ignore[attr-defined]
            changed.append(new)
    if changed:  # unchanged rows are left alone, so their history records real changes only
        bulk_update_with_history(changed, model, [*fields, "modified"], default_user=by)
    extra = wanted[len(existing) :]
    if extra:
        bulk_create_with_history(extra, model, default_user=by)
    surplus = existing[len(wanted) :]
    if surplus:
        model._default_manager.filter(pk__in=[row.pk for row in surplus]).delete()
    return kept + extra
