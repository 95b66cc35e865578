"""Statements and decisions entered at the desk, one small save at a time.

A statement's speaker is the label as printed (藤井構成員, ＮＴＴドコモ（小林）); when it is one of
the meeting's attendees' labels, the statement is linked to that person and organization. An
edit carries the version it was based on; the version lock (apps.minutes.guards) refuses a
stale one, so two people editing the same statement never overwrite each other.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from apps.access.permissions import AnyUser
from apps.core.locking import StaleEditError, stored_version
from apps.core.text import normalize
from apps.meetings import selectors
from apps.meetings.models import AgendaItem, Decision, Statement
from apps.meetings.services import require_editable

MOVE_STEP = 100_000  # orders are first moved out of the way, so that no two rows share one mid-update


def _speaker_of(statement: Statement, label: str) -> None:
    """Link the speaker the label names among the meeting's attendees (compared in NFKC form)."""
    attendances = list(selectors.meeting_attendances().filter(meeting_id=statement.agenda_item.meeting_id))
    by_label = {normalize(label): a for label, a in selectors.speaker_choices(attendances).items()}
    attendance = by_label.get(normalize(label))
    statement.speaker = attendance.person if attendance else None
    statement.speaker_organization = attendance.organization if attendance else None


@transaction.atomic
def statement_save(
    *,
    agenda_item: AgendaItem,
    speaker_label: str,
    text: str,
    kind: str = Statement.Kind.COMMENT,
    statement: Statement | None = None,
    base_version: int | None = None,
    by: AnyUser,
) -> Statement:
    """A new statement at the end of its agenda item, or an edit based on `base_version`."""
    agenda_item = (
        AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=agenda_item.pk)
    )
    require_editable(meeting=agenda_item.meeting, by=by)
    if statement is None:
        last = Statement.objects.filter(agenda_item=agenda_item).aggregate(last=Max("order"))["last"] or 0
        statement = Statement(agenda_item=agenda_item, order=last + 1)
    elif statement.agenda_item_id != agenda_item.pk:
        raise PermissionDenied(_("This statement belongs to another agenda item."))
    else:
        if base_version is None:
            raise ValidationError(_("An edit must say which version of the statement it changes."), "no_version")
        statement.version = base_version  # the version lock compares it with the stored one
    statement.agenda_item = agenda_item
    statement.speaker_label = speaker_label.strip()
    statement.kind, statement.text = kind, text.replace("\r\n", "\n").strip()
    _speaker_of(statement, statement.speaker_label)
    statement._history_user = by  # type: ignore[attr-defined]
    statement.full_clean(exclude=["agenda_item", "speaker", "speaker_organization", "reply_to"])
    statement.save()
    return statement


@transaction.atomic
def statement_move(*, statement: Statement, position: int, base_version: int, by: AnyUser) -> list[Statement]:
    """Put the statement at `position` (1-based) within its agenda item; the others close up.

    Returns the item's statements in their new order.
    """
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__body")
        .get(pk=statement.agenda_item_id)
    )
    require_editable(meeting=item.meeting, by=by)
    rows = list(Statement.objects.filter(agenda_item=item).order_by("order", "id").only("id", "order", "version"))
    moving = next((row for row in rows if row.pk == statement.pk), None)
    if moving is None:
        raise ValidationError(_("This statement is no longer in this agenda item."), "gone")
    if moving.version != base_version:
        raise StaleEditError(
            _("Someone else changed this statement while you were moving it: reload the page."), code="stale"
        )
    rows.remove(moving)
    rows.insert(max(0, min(position - 1, len(rows))), moving)
    changed = [row for number, row in enumerate(rows, start=1) if row.order != number]
    if changed:
        # Out of the way first: the unique order per item is checked row by row where it cannot be deferred.
        Statement.objects.filter(pk__in=[row.pk for row in changed]).update(order=F("order") + MOVE_STEP)
        for number, row in enumerate(rows, start=1):
            row.order = number
        Statement.objects.bulk_update(changed, ["order"])
    return rows


@transaction.atomic
def statement_delete(*, statement: Statement, base_version: int, by: AnyUser) -> None:
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__body")
        .get(pk=statement.agenda_item_id)
    )
    require_editable(meeting=item.meeting, by=by)
    current = stored_version(Statement, statement.pk)  # locked: an edit committing now is seen, not deleted
    if current is not None and current != base_version:
        raise StaleEditError(
            _("Someone else changed this statement since you loaded it: reload before deleting it."), code="stale"
        )
    statement._history_user = by  # type: ignore[attr-defined]
    statement.delete()


@transaction.atomic
def decision_save(
    *,
    agenda_item: AgendaItem,
    text: str,
    kind: str = Decision.Kind.AGREED,
    decision: Decision | None = None,
    by: AnyUser,
) -> Decision:
    require_editable(meeting=agenda_item.meeting, by=by)
    if decision is None:
        decision = Decision(agenda_item=agenda_item)
    elif decision.agenda_item_id != agenda_item.pk:
        raise PermissionDenied(_("This decision belongs to another agenda item."))
    decision.text, decision.kind = text.strip(), kind
    decision._history_user = by  # type: ignore[attr-defined]
    decision.full_clean(exclude=["agenda_item"])
    decision.save()
    return decision
