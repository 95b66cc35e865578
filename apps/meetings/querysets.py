"""The QuerySet of a meeting's records: bulk writes ask the registered bulk-write guard first.

QuerySet.update() and delete(), bulk_update() and bulk_create() bypass save() and the signals
a guard listens to, so these overrides make the same refusal before writing, for every affected
row in one query. Meetings only provide the hook: the rule (published minutes never change in
place) belongs to the minutes app, which registers its guard when it starts
(apps.minutes.apps), so that this layer never imports the one above it.
"""

from collections.abc import Collection, Iterable
from contextvars import ContextVar
from typing import Any, Protocol

from django.db import models

# Set while bulk_update() runs: it checked all its rows up front, before Django's atomic block
# (a refusal inside would spoil the caller's transaction), so its update() calls need not again.
_bulk_update_checked: ContextVar[bool] = ContextVar("bulk_update_checked", default=False)


class BulkWriteGuard(Protocol):
    """Raises to refuse a bulk write; returns None to let it through."""

    def refuse_frozen_queryset_update(self, rows: models.QuerySet, changes: dict[str, Any]) -> None: ...
    def refuse_frozen_bulk_update(self, rows: models.QuerySet, objs: tuple[Any, ...], fields: list[str]) -> None: ...
    def refuse_frozen_queryset_delete(self, rows: models.QuerySet) -> None: ...
    def refuse_frozen_bulk_create(
        self, model: type[models.Model], objs: list[Any], *, upsert_on: Any = None
    ) -> None: ...


# The minutes app registers apps.minutes.guards here; without a guard bulk writes go through.
_guard: BulkWriteGuard | None = None


def register_bulk_write_guard(guard: BulkWriteGuard) -> None:
    global _guard
    _guard = guard


class FrozenRecordQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if _guard is not None and not _bulk_update_checked.get():
            _guard.refuse_frozen_queryset_update(self, kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None) -> int:
        objs, fields = tuple(objs), list(fields)
        if _guard is not None:
            _guard.refuse_frozen_bulk_update(self, objs, fields)
        checked = _bulk_update_checked.set(True)
        try:
            return super().bulk_update(objs, fields, batch_size=batch_size)
        finally:
            _bulk_update_checked.reset(checked)

    def delete(self) -> tuple[int, dict[str, int]]:
        if _guard is not None:
            _guard.refuse_frozen_queryset_delete(self)
        return super().delete()

    # As on QuerySet: the manager gets no delete() that would empty the table.
    delete.queryset_only = True  # type: ignore[attr-defined]

    def bulk_create(
        self,
        objs: Iterable[Any],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[Any]:
        objs = list(objs)
        if _guard is not None:
            _guard.refuse_frozen_bulk_create(self.model, objs, upsert_on=unique_fields if update_conflicts else None)
        return super().bulk_create(
            objs,
            batch_size=batch_size,
            ignore_conflicts=ignore_conflicts,
            update_conflicts=update_conflicts,
            update_fields=update_fields,
            unique_fields=unique_fields,
        )

    update.alters_data = bulk_update.alters_data = True  # type: ignore[attr-defined]
    delete.alters_data = bulk_create.alters_data = True  # type: ignore[attr-defined]
