"""Model-layer guards, so that the admin, the portal, the API and scripts all refuse alike.

- Published minutes never change in place: saving or deleting the meeting, its attendance,
  materials, agenda items, statements or decisions raises FrozenRecordError once the minutes
  are published (corrections are errata).
- The meeting, its agenda items and statements are optimistically locked (apps.core.locking),
  checked after the freeze, so that a frozen record is refused as frozen rather than stale.

Bulk writes (QuerySet.update() and delete(), bulk_update(), bulk_create()) bypass those signals:
the models' FrozenRecordQuerySet (apps.meetings.querysets) asks refuse_frozen_* below first: this
module is the guard the minutes app registers there. On
PostgreSQL, triggers (apps.minutes.freeze_sql) refuse every other write too: raw SQL, the M2M
table of agenda-item materials, a psql session.
"""

import operator
from functools import reduce
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import gettext as _

from apps.core.locking import lock_versions
from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement

from .errors import FrozenRecordError
from .models import Minutes

PUBLISHED = Minutes.Status.PUBLISHED


# From each guarded model to the meeting its stored row belongs to. The first step is the
# foreign key that places a row in a meeting (a meeting is its own).
MEETING_OF: dict[type[models.Model], str] = {
    Meeting: "pk",
    Attendance: "meeting",
    Material: "meeting",
    AgendaItem: "meeting",
    Statement: "agenda_item__meeting",
    Decision: "agenda_item__meeting",
    Minutes: "meeting",
}


def is_frozen(instance) -> bool:
    """Whether the record belongs (or would belong) to published minutes.

    Both meetings are looked up by primary key in subqueries: an OR across the joins from
    Minutes down to statements would make PostgreSQL scan every statement on each save.
    """
    model = type(instance)
    if model is Meeting:
        if instance.pk is None:
            return False
        meetings = Q(meeting_id=instance.pk)
    else:
        meetings = Q(pk__in=[])
        if instance.pk is not None and not instance._state.adding:
            # The stored row's meeting: the record may be moving to another one.
            meetings |= Q(meeting_id__in=model.objects.filter(pk=instance.pk).values(MEETING_OF[model]))
        if isinstance(instance, Statement | Decision):
            meetings |= Q(meeting_id__in=AgendaItem.objects.filter(pk=instance.agenda_item_id).values("meeting_id"))
        else:
            meetings |= Q(meeting_id=instance.meeting_id)
    return Minutes.objects.filter(meetings, status=PUBLISHED).exists()


def _refuse(instance, verb: str) -> None:
    raise FrozenRecordError(
        _("The minutes of this meeting are published and can no longer be %(verb)s: %(record)s. Add an erratum.")
        % {"verb": verb, "record": instance._meta.verbose_name},
        code="frozen",
    )


def refuse_frozen_save(sender, instance, **kwargs) -> None:
    if is_frozen(instance):
        _refuse(instance, _("edited"))


def refuse_frozen_delete(sender, instance, **kwargs) -> None:
    if is_frozen(instance):
        _refuse(instance, _("deleted"))


def refuse_frozen_material_links(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if action.startswith("pre_") and is_frozen(instance):
        _refuse(instance, _("edited"))


def _placing_field(model: type[models.Model]) -> Any:
    path = MEETING_OF[model]
    return None if path == "pk" else model._meta.get_field(path.split("__")[0])


def _frozen_meeting(
    model: type[models.Model], *, rows: QuerySet | None = None, placed_in: Any = None
) -> Meeting | None:
    """The first meeting with published minutes among those of the stored `rows` and of the rows
    placed under `placed_in` (the values, or a query of them, the placing foreign key takes)."""
    path = MEETING_OF[model]
    meetings = []
    if rows is not None:
        meetings.append(Q(pk__in=rows.values(path)))
    if placed_in is not None:
        if path.startswith("agenda_item__"):
            placed_in = AgendaItem.objects.filter(pk__in=placed_in).values("meeting")
        meetings.append(Q(pk__in=placed_in))
    if not meetings:
        return None
    # Each source is an IN subquery on the meeting's primary key, as in is_frozen.
    published = Meeting.objects.filter(reduce(operator.or_, meetings), minutes__status=PUBLISHED)
    return published.only("title").order_by("pk").first()


def _refuse_bulk(model: type[models.Model], meeting: Meeting, verb: str) -> None:
    raise FrozenRecordError(
        _("The minutes of %(meeting)s are published: %(model)s records can no longer be %(verb)s. Add an erratum.")
        % {"meeting": meeting, "model": model._meta.verbose_name, "verb": verb},
        code="frozen",
    )


def refuse_frozen_queryset_update(rows: QuerySet, changes: dict[str, Any]) -> None:
    """QuerySet.update(**changes): the rows' meetings, and the one they move to."""
    field = _placing_field(rows.model)
    placed_in: Any = None
    for name in (field.name, field.attname) if field is not None else ():
        if name in changes:
            target = changes[name]
            if hasattr(target, "resolve_expression"):
                placed_in = rows.values(target=target)  # each row's own value
            else:
                placed_in = [target.pk if isinstance(target, models.Model) else target]
    meeting = _frozen_meeting(rows.model, rows=rows, placed_in=placed_in)
    if meeting is not None:
        _refuse_bulk(rows.model, meeting, _("edited"))


def _placed_under(obj: models.Model, field: Any) -> Any:
    value = getattr(obj, field.attname)
    if value is None:  # a related object saved after it was assigned has its id on itself only
        related = field.get_cached_value(obj, default=None)
        value = None if related is None else related.pk
    return value


def refuse_frozen_bulk_update(rows: QuerySet, objs: tuple[Any, ...], fields: list[str]) -> None:
    """bulk_update(objs, fields): the stored rows' meetings, and those they move to."""
    field = _placing_field(rows.model)
    moved = field is not None and not {field.name, field.attname}.isdisjoint(fields)
    placed_in = [_placed_under(obj, field) for obj in objs] if moved else None
    meeting = _frozen_meeting(rows.model, rows=rows.filter(pk__in=[obj.pk for obj in objs]), placed_in=placed_in)
    if meeting is not None:
        _refuse_bulk(rows.model, meeting, _("edited"))


def refuse_frozen_queryset_delete(rows: QuerySet) -> None:
    meeting = _frozen_meeting(rows.model, rows=rows)
    if meeting is not None:
        _refuse_bulk(rows.model, meeting, _("deleted"))


def refuse_frozen_bulk_create(model: type[models.Model], objs: list[Any], *, upsert_on: Any = None) -> None:
    """bulk_create(objs): the meetings the new rows go to, and with update_conflicts (`upsert_on`
    its unique_fields) those of the stored rows it would overwrite."""
    if not objs:
        return
    field = _placing_field(model)
    placed_in = None if field is None else [_placed_under(obj, field) for obj in objs]
    rows = None
    if upsert_on:
        attname_of = {f.name: f.attname for f in model._meta.concrete_fields} | {"pk": model._meta.pk.attname}
        attnames = [attname_of[name] for name in upsert_on]
        same = [Q(**{attname: getattr(obj, attname) for attname in attnames}) for obj in objs]
        rows = model._default_manager.filter(reduce(operator.or_, same))
    meeting = _frozen_meeting(model, rows=rows, placed_in=placed_in)
    if meeting is not None:
        _refuse_bulk(model, meeting, _("edited") if upsert_on else _("added"))


def refuse_published_minutes_change(sender, instance: Minutes, **kwargs) -> None:
    if instance.pk is None:
        return
    if Minutes.objects.filter(pk=instance.pk, status=PUBLISHED).exists():
        raise FrozenRecordError(_("Published minutes never change in place; add an erratum instead."), code="frozen")


def connect() -> None:
    for model in (Meeting, Attendance, Material, AgendaItem, Statement, Decision):
        pre_save.connect(refuse_frozen_save, sender=model, dispatch_uid=f"freeze-save-{model.__name__}")
        pre_delete.connect(refuse_frozen_delete, sender=model, dispatch_uid=f"freeze-delete-{model.__name__}")
    m2m_changed.connect(
        refuse_frozen_material_links, sender=AgendaItem.materials.through, dispatch_uid="freeze-agenda-materials"
    )
    # After the freeze check, so a frozen record is refused as frozen rather than stale.
    lock_versions(Meeting, AgendaItem, Statement)
    pre_save.connect(refuse_published_minutes_change, sender=Minutes, dispatch_uid="minutes-published-save")
    pre_delete.connect(refuse_published_minutes_change, sender=Minutes, dispatch_uid="minutes-published-delete")
