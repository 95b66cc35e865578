"""Persist a parsed minutes file: one transaction, bulk inserts; a re-import updates the meeting in place."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.core.text import normalize
from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.fields import material_key, material_sort_key
from apps.importer.limits import check_statement_count
from apps.importer.matching import Named, candidates_for, match_people, person_key
from apps.importer.parser import parse_minutes
from apps.importer.people import organization_core, speaker_warnings
from apps.importer.result import Attendee, MinutesError, ParsedMinutes, ParseWarning
from apps.importer.sources import read_minutes_text
from apps.importer.text import compact
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting, Statement

CATEGORIES = {choice.value for choice in Attendance.Category}
MEMBER_ROLES = {"座長": Membership.Role.CHAIR, "座長代理": Membership.Role.DEPUTY_CHAIR}
KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def minutes_file_import(
    *, path: str | Path, body_name: str, number: int | None = None, by: User | None = None
) -> Meeting:
    """Read, parse and persist a minutes file (the `import_minutes` command)."""
    parsed = parse_minutes(read_minutes_text(path))
    source_sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return meeting_import(parsed=parsed, body_name=body_name, number=number, source_sha256=source_sha256, by=by)


@transaction.atomic
def meeting_import(
    *,
    parsed: ParsedMinutes,
    body_name: str,
    number: int | None = None,
    source_sha256: str = "",
    by: User | None = None,
) -> Meeting:
    """Create or update the meeting a parse result describes, with everything recorded in it."""
    body_name = body_name.strip()
    if not body_name:
        raise MinutesError("the body name is empty")
    number = number or meeting_number_from_title(parsed.title)
    if number is None:
        raise MinutesError("no meeting number (第N回) in the title; pass --number", line=1)
    if parsed.date is None:
        raise MinutesError("no meeting date found", line=1)
    check_statement_count(parsed)

    body, _ = Body.objects.get_or_create(name=body_name)
    organizations = _organizations(parsed, by)
    parsed = _with_known_aliases(parsed, organizations)
    meeting, reimport = _locked_meeting(body, number)
    attendances = list(Attendance.objects.filter(meeting=meeting).order_by("order", "id")) if reimport else []
    people, people_warnings = _people(parsed, body, organizations, attendances, by)
    _save_meeting(meeting, body, parsed, people_warnings, source_sha256)
    _attendances(parsed, meeting, organizations, people, attendances, by)
    materials = _materials(parsed, meeting, by, reimport=reimport)
    _agenda(parsed, meeting, materials, organizations, people, by, reimport=reimport)
    _memberships(parsed, body, organizations, people, by)
    return meeting


def meeting_number_from_title(title: str | None) -> int | None:
    m = re.search(r"第\s*([0-9]+|[〇一二三四五六七八九十百]+)\s*回", normalize(title or ""))
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return int(token)
    value, current = 0, 0
    for ch in token:
        if ch == "百":
            value, current = value + (current or 1) * 100, 0
        elif ch == "十":
            value, current = value + (current or 1) * 10, 0
        else:
            current = KANJI_DIGITS[ch]
    return value + current or None


# --- Steps ----------------------------------------------------------------------------------


ModelT = TypeVar("ModelT", bound=models.Model)


def _checked(obj: ModelT, line: int) -> ModelT:
    """Field checks without queries (bulk inserts skip save()); a bad value names its line."""
    foreign_keys = [f.name for f in obj._meta.fields if f.is_relation]
    try:
        obj.clean_fields(exclude=foreign_keys)
    except ValidationError as exc:
        fields = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items())
        raise MinutesError(f"{obj._meta.verbose_name}: {fields}", line=line) from exc
    return obj


def _organization_kind(name: str, category: str | None) -> str:
    n = normalize(name)
    if category == "operator":
        return Organization.Kind.OPERATOR
    if n.endswith("省") or n.startswith("内閣"):
        return Organization.Kind.MINISTRY
    if n.endswith("庁"):
        return Organization.Kind.AGENCY
    if "協会" in n or "法人" in n or "協議会" in n:
        return Organization.Kind.ASSOCIATION
    if "大学" in n:
        return Organization.Kind.ACADEMIA
    if "株式会社" in n:
        return Organization.Kind.COMPANY
    return Organization.Kind.OTHER


def _organizations(parsed: ParsedMinutes, by: User | None) -> dict[str, Organization]:
    """Organizations named in the attendance, by NFKC name: existing ones reused, others created."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for attendee in parsed.attendees + parsed.absentees:
        if attendee.organization:
            wanted.setdefault(normalize(attendee.organization), (attendee.organization, attendee.category))
    found = {o.name_normalized: o for o in Organization.objects.filter(name_normalized__in=list(wanted))}
    missing = []
    for key, (name, category) in wanted.items():
        if key not in found:
            org = Organization(name=name, name_normalized=key, kind=_organization_kind(name, category))
            missing.append(_checked(org, 1))
    if missing:
        for org in bulk_create_with_history(missing, Organization, default_user=by):
            found[org.name_normalized] = org
    return found


def _with_known_aliases(parsed: ParsedMinutes, organizations: dict[str, Organization]) -> ParsedMinutes:
    """The parse result, with the short names the directory knows (IIJ) used to resolve speakers."""
    aliases = {organization_core(o.short_name): o.name for o in organizations.values() if o.short_name}
    if not aliases:
        return parsed
    resolved = replace(parsed, organization_aliases=aliases)
    others = [w for w in parsed.warnings if w.speaker is None]
    resolved.warnings = sorted(others + speaker_warnings(resolved), key=lambda w: w.line)
    return resolved


def _category(attendee: Attendee) -> str:
    return attendee.category if attendee.category in CATEGORIES else Attendance.Category.OTHER


def _membership_role(attendee: Attendee) -> str | None:
    """The role in the body an attendance implies; None for those who are not members (officials, observers)."""
    if attendee.category == "member":
        return MEMBER_ROLES.get(compact(attendee.role or ""), Membership.Role.MEMBER)
    if attendee.category == "operator":
        return Membership.Role.OPERATOR_REPRESENTATIVE
    return None


def _speaker_people(parsed: ParsedMinutes) -> list[Attendee]:
    """People who speak without being on the attendance list, when their organization is known."""
    extra: dict[tuple[str, str], Attendee] = {}
    for item in parsed.agenda_items:
        for statement in item.statements:
            match = parsed.speaker(statement.speaker)
            if match.attendee is None and not match.candidates and match.family_name and match.organization:
                in_attendance = any(a.organization == match.organization for a in parsed.attendees if a.organization)
                if in_attendance:
                    extra.setdefault(
                        (match.family_name, match.organization),
                        Attendee(name=match.family_name, organization=match.organization, line=statement.line),
                    )
    return list(extra.values())


def _people(
    parsed: ParsedMinutes,
    body: Body,
    organizations: dict[str, Organization],
    attendances: list[Attendance],
    by: User | None,
) -> tuple[dict[tuple, Person], list[ParseWarning]]:
    """Person per `person_key`, matched in the directory (see apps.importer.matching) or created."""
    named: list[Named] = []
    for position, attendee in enumerate(parsed.attendees + parsed.absentees):
        if attendee.is_organization:
            continue
        # Re-import: the row at the same position is this attendee's, unless the file changed its category.
        row = attendances[position] if position < len(attendances) else None
        previous = row.person_id if row is not None and row.category == _category(attendee) else None
        org = _organization(attendee.organization, organizations)
        named.append(Named(attendee, org, _membership_role(attendee), previous))
    named += [Named(a, _organization(a.organization, organizations)) for a in _speaker_people(parsed)]
    matching = match_people(named, candidates_for(named, body) if named else [])
    for person, line in matching.created + matching.filled:
        _checked(person, line)
    if matching.created:
        bulk_create_with_history([person for person, _ in matching.created], Person, default_user=by)
    if matching.filled:
        now = timezone.now()
        filled = [person for person, _ in matching.filled]
        for person in filled:
            person.modified = now
        fields = ["given_name", "organization", "title", "modified"]
        bulk_update_with_history(filled, Person, fields, default_user=by)
    return matching.people, matching.warnings


def _organization(name: str | None, organizations: dict[str, Organization]) -> Organization | None:
    return organizations.get(normalize(name)) if name else None


def _person_for(attendee: Attendee, organizations: dict[str, Organization], people: dict[tuple, Person]):
    org = _organization(attendee.organization, organizations)
    return people.get(person_key(attendee, org)), org


def _locked_meeting(body: Body, number: int) -> tuple[Meeting, bool]:
    """The meeting row, locked for the import, or a new one; True if it existed."""
    meeting = Meeting.objects.select_for_update().filter(body=body, number=number).first()
    if meeting is None:
        return Meeting(body=body, number=number), False
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.is_published:
        raise MinutesError(f"{meeting} has published minutes, which never change in place; record an erratum")
    return meeting, True


def _save_meeting(
    meeting: Meeting, body: Body, parsed: ParsedMinutes, warnings: list[ParseWarning], source_sha256: str
) -> None:
    """The meeting's own fields, with the parser's warnings and those about people, by line."""
    zone = ZoneInfo(settings.TIME_ZONE)
    date = parsed.date or dt.date.today()  # meeting_import refuses minutes without a date
    starts_at = dt.datetime.combine(date, parsed.start_time or dt.time(0, 0), tzinfo=zone)
    ends_at = dt.datetime.combine(date, parsed.end_time, tzinfo=zone) if parsed.end_time else None
    venue = parsed.venue or ""
    if re.search(r"併用|ハイブリッド", venue):
        mode = Meeting.Mode.HYBRID
    elif re.search(r"(?i)web|オンライン|online|テレビ会議|ウェブ", normalize(venue)):
        mode = Meeting.Mode.ONLINE
    else:
        mode = Meeting.Mode.IN_PERSON
    meeting.title = parsed.title or f"{body.name}（第{meeting.number}回）"
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.venue, meeting.mode, meeting.status = venue, mode, Meeting.Status.HELD
    meeting.import_warnings = [w.to_dict() for w in sorted(parsed.warnings + warnings, key=lambda w: w.line)]
    meeting.source_sha256 = source_sha256
    try:
        # The body was just read or created; its check would cost a query.
        meeting.full_clean(exclude=["body"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise MinutesError(f"meeting: {'; '.join(exc.messages)}", line=1) from exc
    meeting.save()


def _sync_rows(model: type[ModelT], existing: list[ModelT], wanted: list[ModelT], by: User | None) -> list[ModelT]:
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
        if _differs(old, new, fields):
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


def _differs(old: models.Model, new: models.Model, fields: list[str]) -> bool:
    columns = {f.name: f.attname for f in old._meta.concrete_fields}
    return any(getattr(old, columns[name]) != getattr(new, columns[name]) for name in fields)


def _attendances(parsed, meeting, organizations, people, existing: list[Attendance], by) -> None:
    rows: list[Attendance] = []
    for presence, attendees in (
        (Attendance.Presence.PRESENT, parsed.attendees),
        (Attendance.Presence.ABSENT, parsed.absentees),
    ):
        for attendee in attendees:
            person, org = _person_for(attendee, organizations, people)
            if attendee.is_organization:
                person = None
            row = Attendance(
                meeting=meeting,
                order=len(rows) + 1,
                category=_category(attendee),
                group_label=attendee.group[:100],
                person=person,
                organization=org,
                role_label=attendee.role or "",
                presence=presence,
            )
            rows.append(_checked(row, attendee.line))
    _sync_rows(Attendance, existing, rows, by)


def _materials(parsed: ParsedMinutes, meeting: Meeting, by: User | None, *, reimport: bool) -> dict[str, Material]:
    """Materials by label; on re-import the same label keeps its row (and any file uploaded to it)."""
    rows: dict[str, Material] = {}
    for entry in parsed.materials:
        key = material_key(entry.label)
        if key in rows:
            continue
        material = Material(
            meeting=meeting, label=entry.label, sort_key=material_sort_key(entry.label)[:50], title=entry.title or ""
        )
        rows[key] = _checked(material, entry.line)
    existing = {material_key(m.label): m for m in Material.objects.filter(meeting=meeting)} if reimport else {}
    updated = []
    for key, material in rows.items():
        old = existing.pop(key, None)
        if old is not None:
            if _differs(old, material, ["label", "sort_key", "title"]):
                old.label, old.sort_key, old.title = material.label, material.sort_key, material.title
                old.modified = timezone.now()
                updated.append(old)
            rows[key] = old
    if updated:
        bulk_update_with_history(updated, Material, ["label", "sort_key", "title", "modified"], default_user=by)
    new = [m for m in rows.values() if m.pk is None]
    if new:
        bulk_create_with_history(new, Material, default_user=by)
    # Materials the file no longer lists go, unless the secretariat attached a file to them.
    stale = [m.pk for m in existing.values() if not m.file]
    if stale:
        Material.objects.filter(pk__in=stale).delete()
    return rows


def _statement_kind(text: str, previous: Statement | None, speaker_label: str) -> str:
    last = text.rstrip().rsplit("。", 2)
    ending = "。".join(last[-2:]) if len(last) > 1 else text
    if re.search(r"(か|でしょうか|ますか|ませんか)[。？?]?\s*$", ending):
        return Statement.Kind.QUESTION
    if previous is not None and previous.kind == Statement.Kind.QUESTION and previous.speaker_label != speaker_label:
        return Statement.Kind.ANSWER
    return Statement.Kind.COMMENT


def _agenda(parsed, meeting, materials, organizations, people, by, *, reimport: bool) -> None:
    items = [
        _checked(
            AgendaItem(
                meeting=meeting,
                order=order,
                number_label=(entry.number or "")[:20],
                title=(entry.title or "冒頭")[:300],
                proceedings=entry.proceedings or "",
            ),
            entry.line,
        )
        for order, entry in enumerate(parsed.agenda_items, start=1)
    ]
    old_items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "id")) if reimport else []
    old_statements: dict[int, list[Statement]] = {}
    if reimport:
        for old in Statement.objects.filter(agenda_item__meeting=meeting).order_by("order", "id"):
            old_statements.setdefault(old.agenda_item_id, []).append(old)
        AgendaItem.materials.through.objects.filter(agendaitem__meeting=meeting).delete()
    items = _sync_rows(AgendaItem, old_items, items, by)

    links = []
    statements = []
    existing_statements: list[Statement] = []
    for item, entry in zip(items, parsed.agenda_items, strict=True):
        for key in dict.fromkeys(material_key(label) for label in entry.materials):
            if key in materials:
                links.append(AgendaItem.materials.through(agendaitem_id=item.pk, material_id=materials[key].pk))
        previous = None
        existing_statements.extend(old_statements.get(item.pk, [])[: len(entry.statements)])
        surplus = old_statements.get(item.pk, [])[len(entry.statements) :]
        if surplus:
            Statement.objects.filter(pk__in=[old.pk for old in surplus]).delete()
        for order, parsed_statement in enumerate(entry.statements, start=1):
            person, org = _speaker(parsed_statement.speaker, parsed, organizations, people)
            statement = Statement(
                agenda_item=item,
                order=order,
                speaker=person,
                speaker_organization=org,
                speaker_label=parsed_statement.speaker[:200],
                text=parsed_statement.text,
                text_normalized=normalize(parsed_statement.text),
            )
            statement.kind = _statement_kind(statement.text, previous, statement.speaker_label)
            statements.append(_checked(statement, parsed_statement.line))
            previous = statement
    AgendaItem.materials.through.objects.bulk_create(links)
    _sync_statements(existing_statements, statements, by)


def _sync_statements(existing: list[Statement], wanted: list[Statement], by: User | None) -> None:
    """Statements keep their rows by (agenda item, order); a changed text bumps the version."""
    by_position = {(old.agenda_item_id, old.order): old for old in existing}
    updated, new = [], []
    for statement in wanted:
        old = by_position.get((statement.agenda_item.pk, statement.order))
        if old is None:
            new.append(statement)
            continue
        fields = ["speaker", "speaker_organization", "speaker_label", "kind", "text", "text_normalized"]
        if not _differs(old, statement, fields):
            continue
        statement.pk, statement.created, statement.modified = old.pk, old.created, timezone.now()
        statement.reply_to_id = old.reply_to_id
        statement.version = old.version + (1 if old.text != statement.text else 0)
        updated.append(statement)
    if updated:
        fields = ["speaker", "speaker_organization", "speaker_label", "kind", "text", "text_normalized", "version"]
        bulk_update_with_history(updated, Statement, [*fields, "modified"], default_user=by)
    if new:
        bulk_create_with_history(new, Statement, default_user=by)


def _speaker(label: str, parsed: ParsedMinutes, organizations, people) -> tuple[Person | None, Organization | None]:
    match = parsed.speaker(label)
    if match.attendee is not None:
        person, org = _person_for(match.attendee, organizations, people)
        return person, org or (person.organization if person else None)
    org = _organization(match.organization, organizations)
    if match.candidates or not (org and match.family_name):  # several people fit: the label stays, unresolved
        return None, org
    return people.get(person_key(Attendee(name=match.family_name), org)), org


def _memberships(parsed, body, organizations, people, by) -> None:
    """Members and operator representatives of the body, as the attendance shows them."""
    wanted: dict[tuple[int, str], Membership] = {}
    for attendee in parsed.attendees:
        role = _membership_role(attendee)
        if role is None:
            continue
        person, org = _person_for(attendee, organizations, people)
        if person is None:
            continue
        on_behalf_of = org if attendee.category == "operator" else None
        wanted.setdefault((person.pk, role), Membership(person=person, body=body, role=role, on_behalf_of=on_behalf_of))
    if not wanted:
        return
    existing = set(
        Membership.objects.filter(body=body, person_id__in={pk for pk, _ in wanted}, end__isnull=True).values_list(
            "person_id", "role"
        )
    )
    new = [m for key, m in wanted.items() if key not in existing]
    if new:
        bulk_create_with_history(new, Membership, default_user=by)
