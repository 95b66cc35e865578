"""Model-layer guards, so that the admin, the portal, the API and scripts all refuse alike.

- Published minutes never change in place: saving or deleting the meeting, its attendance,
  materials, agenda items, statements or decisions raises FrozenRecordError once the minutes
  are published (corrections are errata).
- Statements are optimistically locked: every save checks that the instance's `version` is
  the stored one and then increments it, so a save based on a stale copy raises
  StaleEditError instead of overwriting someone else's edit. A save with `update_fields`
  must include "version" to take part.

QuerySet.update() and bulk_* bypass model signals; nothing in Shingi uses them on these models.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import gettext as _

from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement

from .errors import FrozenRecordError, StaleEditError
from .models import Minutes

PUBLISHED = Minutes.Status.PUBLISHED


# From each guarded model to the meeting its stored row belongs to.
MEETING_OF = {
    Attendance: "meeting_id",
    Material: "meeting_id",
    AgendaItem: "meeting_id",
    Statement: "agenda_item__meeting_id",
    Decision: "agenda_item__meeting_id",
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


def lock_statement_version(sender, instance: Statement, update_fields=None, **kwargs) -> None:
    if instance.pk is None or instance._state.adding:
        return
    # No default ordering: it would join (and with FOR UPDATE lock) the agenda item and meeting too.
    stored = Statement.objects.filter(pk=instance.pk).order_by("pk")
    if connection.in_atomic_block:
        stored = stored.select_for_update()
    stored_version = stored.values_list("version", flat=True).first()
    if stored_version is None:
        return
    if stored_version != instance.version:
        raise StaleEditError(
            _(
                "Someone else changed this statement (%(speaker)s) while you were editing it: you edited "
                "version %(yours)d, the current one is version %(current)d. Reload it and apply your change again."
            )
            % {"speaker": instance.speaker_label, "yours": instance.version, "current": stored_version},
            code="stale",
        )
    if update_fields is None or "version" in update_fields:
        instance.version = stored_version + 1


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
    # After the freeze check, so a frozen statement is refused as frozen rather than stale.
    pre_save.connect(lock_statement_version, sender=Statement, dispatch_uid="statement-version-lock")
    pre_save.connect(refuse_published_minutes_change, sender=Minutes, dispatch_uid="minutes-published-save")
    pre_delete.connect(refuse_published_minutes_change, sender=Minutes, dispatch_uid="minutes-published-delete")
