"""Writes of the meeting editor, each with its rules: who may write, whether the record is still
open, and the orders and labels the secretariat should not have to type.

Every service takes the acting user (`by`), checks through apps.access that they run the body
(and are not a token), and refuses with PermissionDenied or a ValidationError whose message says
what is wrong. A meeting is edited here while its minutes are a draft (or there are none);
once sent for review the record changes through review management, and once published only
through errata (the freeze guard refuses the rest anyway).
"""

import datetime as dt
import hashlib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.access.permissions import AnyUser
from apps.core.uploads import validate_upload_size
from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.fields import material_sort_key
from apps.meetings import selectors
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting
from apps.minutes.models import Minutes

# Which attendance heading each kind of membership prints under, and its role label as printed.
CATEGORY_OF_ROLE = {
    Membership.Role.CHAIR: (Attendance.Category.MEMBER, "座長"),
    Membership.Role.DEPUTY_CHAIR: (Attendance.Category.MEMBER, "座長代理"),
    Membership.Role.MEMBER: (Attendance.Category.MEMBER, "構成員"),
    Membership.Role.EXPERT: (Attendance.Category.MEMBER, "専門委員"),
    Membership.Role.OPERATOR_REPRESENTATIVE: (Attendance.Category.OPERATOR, ""),
    Membership.Role.OBSERVER: (Attendance.Category.OBSERVER, ""),
    Membership.Role.SECRETARIAT: (Attendance.Category.SECRETARIAT, ""),
}
ROLE_ORDER = list(CATEGORY_OF_ROLE)
LEADING_LABEL = re.compile(r"^(参考)?資料\s*[0-9０-９]+(\s*[-－ー‐]\s*[0-9０-９]+)?[\s_]*")


def _save(instance: models.Model, by: AnyUser, **kwargs) -> None:
    instance._history_user = by  # type: ignore[attr-defined]
    instance.full_clean(**kwargs)
    instance.save()


def _require_secretariat(by: AnyUser, body: Body) -> None:
    if not permissions.can_enter_meetings(by, body):
        raise PermissionDenied(_("Only the secretariat of %(body)s enters its meetings.") % {"body": body})


def require_editable(*, meeting: Meeting, by: AnyUser) -> None:
    """The writer runs the body, and the record is still a draft."""
    _require_secretariat(by, meeting.body)
    refusal = selectors.edit_refusal(Minutes.objects.filter(meeting=meeting).only("status").first())
    if refusal is not None:
        raise refusal


# --- The meeting ------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    number: int,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    venue: str = "",
    mode: str = Meeting.Mode.IN_PERSON,
    add_members: bool = False,
    by: AnyUser,
) -> Meeting:
    _require_secretariat(by, body)
    meeting = Meeting(body=body, number=number, title=title.strip() or selectors.proposed_meeting_title(body, number))
    meeting.starts_at, meeting.ends_at, meeting.venue, meeting.mode = starts_at, ends_at, venue.strip(), mode
    _save(meeting, by)
    if add_members:
        attendance_add_body_members(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    number: int,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    venue: str,
    mode: str,
    by: AnyUser,
) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    require_editable(meeting=meeting, by=by)
    meeting.number, meeting.title = number, title.strip() or selectors.proposed_meeting_title(meeting.body, number)
    meeting.starts_at, meeting.ends_at, meeting.venue, meeting.mode = starts_at, ends_at, venue.strip(), mode
    _save(meeting, by)
    return meeting


# --- Attendance -------------------------------------------------------------------------------


@transaction.atomic
def attendance_add_body_members(*, meeting: Meeting, by: AnyUser) -> list[Attendance]:
    """Everyone who holds a role in the body today, each under their heading, unless already listed."""
    require_editable(meeting=meeting, by=by)
    listed = set(Attendance.objects.filter(meeting=meeting, person__isnull=False).values_list("person_id", flat=True))
    memberships = (
        Membership.objects.filter(body=meeting.body, end__isnull=True)
        .exclude(person_id__in=listed)
        .select_related("person", "on_behalf_of")
    )
    ranked = sorted(
        memberships, key=lambda m: (ROLE_ORDER.index(Membership.Role(m.role)), m.person.name_kana, m.person_id)
    )
    order = _next_attendance_order(meeting)
    added: list[Attendance] = []
    for membership in ranked:
        if membership.person_id in listed:  # two roles in the body: the first heading holds them
            continue
        listed.add(membership.person_id)
        category, role_label = CATEGORY_OF_ROLE[Membership.Role(membership.role)]
        organization = membership.on_behalf_of or membership.person.organization
        attendance = Attendance(
            meeting=meeting,
            order=order + len(added),
            category=category,
            person=membership.person,
            organization=organization,
            role_label=role_label or (membership.person.title if category == Attendance.Category.SECRETARIAT else ""),
        )
        _save(attendance, by, exclude=["meeting", "person", "organization"])
        added.append(attendance)
    return added


def _next_attendance_order(meeting: Meeting) -> int:
    return (Attendance.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def attendance_add(
    *,
    meeting: Meeting,
    category: str,
    person: Person | None = None,
    organization: Organization | None = None,
    role_label: str = "",
    by: AnyUser,
) -> Attendance:
    """One attendee found by the type-ahead (or just created): a record of presence, not a membership."""
    require_editable(meeting=meeting, by=by)
    attendance = Attendance(
        meeting=meeting,
        order=_next_attendance_order(meeting),
        category=category,
        person=person,
        organization=organization or (person.organization if person else None),
        role_label=role_label.strip(),
    )
    _save(attendance, by)
    return attendance


@transaction.atomic
def attendance_update(*, attendance: Attendance, presence: str, role_label: str, by: AnyUser) -> Attendance:
    require_editable(meeting=attendance.meeting, by=by)
    attendance.presence, attendance.role_label = presence, role_label.strip()
    _save(attendance, by, exclude=["meeting", "person", "organization"])
    return attendance


@transaction.atomic
def attendance_remove(*, attendance: Attendance, by: AnyUser) -> None:
    require_editable(meeting=attendance.meeting, by=by)
    attendance._history_user = by  # type: ignore[attr-defined]
    attendance.delete()


# --- Agenda and materials ---------------------------------------------------------------------


@transaction.atomic
def agenda_item_save(
    *,
    meeting: Meeting,
    title: str,
    item: AgendaItem | None = None,
    number_label: str = "",
    proceedings: str = "",
    materials: list[Material] | None = None,
    by: AnyUser,
) -> AgendaItem:
    """A new agenda item goes last (its order is set here), or an item's wording and materials change.

    Only this meeting's materials may be linked.
    """
    Meeting.objects.select_for_update(of=("self",)).filter(pk=meeting.pk).first()  # one order at a time
    require_editable(meeting=meeting, by=by)
    if item is None:
        last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0
        item = AgendaItem(meeting=meeting, order=last + 1)
        number_label = number_label.strip() or f"（{last + 1}）"
    elif item.meeting_id != meeting.pk:
        raise PermissionDenied(_("This agenda item belongs to another meeting."))
    item.title, item.number_label, item.proceedings = title.strip(), number_label.strip(), proceedings.strip()
    _save(item, by, exclude=["meeting"])
    if materials is not None:
        foreign = [m.label for m in materials if m.meeting_id != meeting.pk]
        if foreign:
            raise ValidationError(
                _("Only this meeting's materials can be linked: %(labels)s belong to another meeting.")
                % {"labels": "、".join(foreign)},
                "foreign_material",
            )
        item.materials.set(materials)
    return item


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def material_upload(
    *,
    meeting: Meeting,
    upload: UploadedFile,
    title: str = "",
    label: str = "",
    agenda_item: AgendaItem | None = None,
    by: AnyUser,
) -> Material:
    """A material file with its SHA-256 and size; the label follows the body's numbering unless given."""
    require_editable(meeting=meeting, by=by)
    validate_upload_size(upload)
    Meeting.objects.select_for_update(of=("self",)).filter(pk=meeting.pk).first()  # one label at a time
    taken = list(Material.objects.filter(meeting=meeting).values_list("label", flat=True))
    label = label.strip() or selectors.next_material_label(meeting, taken)
    # A file named after its label (資料7-1 今後の進め方.pdf) gives the rest as the title.
    default_title = LEADING_LABEL.sub("", (upload.name or "").rsplit(".", 1)[0]).strip() or label
    material = Material(
        meeting=meeting, label=label, sort_key=material_sort_key(label)[:50], title=title or default_title
    )
    material.sha256, material.size = _sha256(upload), upload.size
    material._history_user = by  # type: ignore[attr-defined]
    material.full_clean(exclude=["meeting", "file"])  # before the file is written: a bad label stores nothing
    material.file.save(upload.name or label, upload, save=True)
    if agenda_item is not None:
        if agenda_item.meeting_id != meeting.pk:
            raise PermissionDenied(_("This agenda item belongs to another meeting."))
        agenda_item.materials.add(material)
    return material
