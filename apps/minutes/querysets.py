"""The QuerySet of a meeting's records and of its minutes: bulk writes ask the freeze guard first.

QuerySet.update() and delete(), bulk_update() and bulk_create() bypass save() and the signals
apps.minutes.guards listens to, so these overrides make the same refusal before writing, for
every affected row in one query.
"""

from collections.abc import Collection, Iterable
from contextvars import ContextVar
from typing import Any

from django.db import models

# Set while bulk_update() runs: it checked all its rows up front, before Django's atomic block
# (a refusal inside would spoil the caller's transaction), so its update() calls need not again.
_bulk_update_checked: ContextVar[bool] = ContextVar("bulk_update_checked", default=False)


def _guards():
    from . import guards  # guards imports the models that use this QuerySet

    return guards


class FrozenRecordQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if not _bulk_update_checked.get():
            _guards().refuse_frozen_queryset_update(self, kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None) -> int:
        objs, fields = tuple(objs), list(fields)
        _guards().refuse_frozen_bulk_update(self, objs, fields)
        checked = _bulk_update_checked.set(True)
        try:
            return super().bulk_update(objs, fields, batch_size=batch_size)
        finally:
            _bulk_update_checked.reset(checked)

    def delete(self) -> tuple[int, dict[str, int]]:
        _guards().refuse_frozen_queryset_delete(self)
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
        _guards().refuse_frozen_bulk_create(self.model, objs, upsert_on=unique_fields if update_conflicts else None)
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
