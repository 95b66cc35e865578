"""One import of a parse result into one meeting, as an object: what every step reads (the parse
result, the body, the locked meeting, who imports) and what earlier steps found (organizations,
people) are its attributes, and each step is a method."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.core.text import normalize
from apps.directory.models import Body, Organization, Person
from apps.importer.candidates import Named, candidates_for, person_key
from apps.importer.fields import material_key, material_sort_key
from apps.importer.kinds import attendance_category, meeting_mode, membership_role, organization_kind
from apps.importer.matching import DIRECTORY_PROPOSAL, NONE_CONFIRMED, Confirmations, match_people
from apps.importer.people import organization_core, speaker_warnings
from apps.importer.result import Attendee, MinutesError, ParsedMinutes, ParseWarning
from apps.importer.rows import checked, differs, sync_rows
from apps.importer.statements import AgendaImport
from apps.meetings.models import Attendance, Material, Meeting


@dataclass
class MinutesImport:
    parsed: ParsedMinutes
    body: Body
    meeting: Meeting  # locked for the import, or new
    reimport: bool  # the meeting existed: its rows are updated in place
    by: User | None
    confirmed: Confirmations = NONE_CONFIRMED  # matches to people of other bodies the secretariat confirmed
    organizations: dict[str, Organization] = field(default_factory=dict)  # by NFKC name
    people: dict[tuple, Person] = field(default_factory=dict)  # by matching.person_key

    def run(self, *, date: dt.date, source_sha256: str) -> Meeting:
        self._find_organizations()
        self._use_known_aliases()
        attendances = (
            list(Attendance.objects.filter(meeting=self.meeting).order_by("order", "id")) if self.reimport else []
        )
        people_warnings = self._match_people(attendances)
        self._save_meeting(date, people_warnings, source_sha256)
        self._save_attendances(attendances)
        materials = self._save_materials()
        AgendaImport(self.parsed, self.meeting, materials, self.speaker, self.by, reimport=self.reimport).run()
        return self.meeting

    # Lookups the steps share -----------------------------------------------------------------

    def organization(self, name: str | None) -> Organization | None:
        return self.organizations.get(normalize(name)) if name else None

    def person_for(self, attendee: Attendee) -> tuple[Person | None, Organization | None]:
        org = self.organization(attendee.organization)
        return self.people.get(person_key(attendee, org)), org

    def speaker(self, label: str) -> tuple[Person | None, Organization | None]:
        """The person and organization a speaker label names, as far as the file tells."""
        match = self.parsed.speaker(label)
        if match.attendee is not None:
            person, org = self.person_for(match.attendee)
            return person, org or (person.organization if person else None)
        org = self.organization(match.organization)
        if match.candidates or not (org and match.family_name):  # several people fit: the label stays, unresolved
            return None, org
        return self.people.get(person_key(Attendee(name=match.family_name), org)), org

    # Steps -------------------------------------------------------------------------------------

    def _find_organizations(self) -> None:
        """Organizations named in the attendance, by NFKC name: existing ones reused, others created."""
        wanted: dict[str, tuple[str, str | None]] = {}
        for attendee in self.parsed.attendees + self.parsed.absentees:
            if attendee.organization:
                wanted.setdefault(normalize(attendee.organization), (attendee.organization, attendee.category))
        found = {o.name_normalized: o for o in Organization.objects.filter(name_normalized__in=list(wanted))}
        missing = [
            checked(Organization(name=name, name_normalized=key, kind=organization_kind(name, category)), 1)
            for key, (name, category) in wanted.items()
            if key not in found
        ]
        if missing:
            for org in bulk_create_with_history(missing, Organization, default_user=self.by):
                found[org.name_normalized] = org
        self.organizations = found

    def _use_known_aliases(self) -> None:
        """Resolve speakers with the short names the directory knows (IIJ) as well."""
        aliases = {organization_core(o.short_name): o.name for o in self.organizations.values() if o.short_name}
        if not aliases:
            return
        resolved = replace(self.parsed, organization_aliases=aliases)
        others = [w for w in self.parsed.warnings if w.speaker is None]
        resolved.warnings = sorted(others + speaker_warnings(resolved), key=lambda w: w.line)
        self.parsed = resolved

    def _match_people(self, attendances: list[Attendance]) -> list[ParseWarning]:
        """Person per `person_key`, matched in the directory (see apps.importer.matching) or created."""
        named: list[Named] = []
        now_confirmed = self._confirmed_proposal_lines()
        released: set[int] = set()  # the people an earlier import recorded in place of a now confirmed match
        for position, attendee in enumerate(self.parsed.attendees + self.parsed.absentees):
            if attendee.is_organization:
                continue
            # Re-import: the row at the same position is this attendee's, unless the file changed its category,
            # or the earlier import recorded a new person where it proposed one now confirmed.
            row = attendances[position] if position < len(attendances) else None
            previous = None
            if row is not None and row.category == attendance_category(attendee):
                if attendee.line in now_confirmed and row.person_id is not None:
                    released.add(row.person_id)
                else:
                    previous = row.person_id
            named.append(Named(attendee, self.organization(attendee.organization), membership_role(attendee), previous))
        named += [Named(a, self.organization(a.organization)) for a in unlisted_speakers(self.parsed)]
        candidates = candidates_for(named, self.body, importer=self.by) if named else []
        candidates = [c for c in candidates if c.person.pk not in released]
        matching = match_people(named, candidates, self.confirmed)
        for person, line in matching.created + matching.filled:
            checked(person, line)
        if matching.created:
            bulk_create_with_history([person for person, _ in matching.created], Person, default_user=self.by)
        if matching.filled:
            now = timezone.now()
            filled = [person for person, _ in matching.filled]
            for person in filled:
                person.modified = now
            fields = ["given_name", "organization", "title", "modified"]
            bulk_update_with_history(filled, Person, fields, default_user=self.by)
        self.people = matching.people
        return matching.warnings

    def _confirmed_proposal_lines(self) -> set[int]:
        """Lines where the earlier import proposed a person of another body whom the secretariat now confirms."""
        if not self.reimport or self.confirmed == NONE_CONFIRMED:
            return set()
        proposals = [w for w in self.meeting.import_warnings if w.get("kind") == DIRECTORY_PROPOSAL]
        return {w["line"] for w in proposals if w["person"] in self.confirmed}

    def _save_meeting(self, date: dt.date, warnings: list[ParseWarning], source_sha256: str) -> None:
        """The meeting's own fields, with the parser's warnings and those about people, by line."""
        parsed, meeting = self.parsed, self.meeting
        zone = ZoneInfo(settings.TIME_ZONE)
        meeting.title = parsed.title or f"{self.body.name}（第{meeting.number}回）"
        meeting.starts_at = dt.datetime.combine(date, parsed.start_time or dt.time(0, 0), tzinfo=zone)
        meeting.ends_at = dt.datetime.combine(date, parsed.end_time, tzinfo=zone) if parsed.end_time else None
        meeting.venue = parsed.venue or ""
        meeting.mode, meeting.status = meeting_mode(meeting.venue), Meeting.Status.HELD
        meeting.import_warnings = [w.to_dict() for w in sorted(parsed.warnings + warnings, key=lambda w: w.line)]
        meeting.source_sha256 = source_sha256
        try:
            # The body was just read or created; its check would cost a query.
            meeting.full_clean(exclude=["body"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise MinutesError(f"meeting: {'; '.join(exc.messages)}", line=1) from exc
        meeting.save()

    def _save_attendances(self, existing: list[Attendance]) -> None:
        rows: list[Attendance] = []
        for presence, attendees in (
            (Attendance.Presence.PRESENT, self.parsed.attendees),
            (Attendance.Presence.ABSENT, self.parsed.absentees),
        ):
            for attendee in attendees:
                person, org = self.person_for(attendee)
                row = Attendance(
                    meeting=self.meeting,
                    order=len(rows) + 1,
                    category=attendance_category(attendee),
                    group_label=attendee.group[:100],
                    person=None if attendee.is_organization else person,
                    organization=org,
                    role_label=attendee.role or "",
                    presence=presence,
                )
                rows.append(checked(row, attendee.line))
        sync_rows(Attendance, existing, rows, self.by)

    def _save_materials(self) -> dict[str, Material]:
        """Materials by label; on re-import the same label keeps its row (and any file uploaded to it)."""
        rows: dict[str, Material] = {}
        for entry in self.parsed.materials:
            key = material_key(entry.label)
            if key not in rows:
                sort_key = material_sort_key(entry.label)[:50]
                material = Material(meeting=self.meeting, label=entry.label, sort_key=sort_key, title=entry.title or "")
                rows[key] = checked(material, entry.line)
        existing = (
            {material_key(m.label): m for m in Material.objects.filter(meeting=self.meeting)} if self.reimport else {}
        )
        updated = []
        for key, material in rows.items():
            old = existing.pop(key, None)
            if old is None:
                continue
            if differs(old, material, ["label", "sort_key", "title"]):
                old.label, old.sort_key, old.title = material.label, material.sort_key, material.title
                old.modified = timezone.now()
                updated.append(old)
            rows[key] = old
        if updated:
            bulk_update_with_history(
                updated, Material, ["label", "sort_key", "title", "modified"], default_user=self.by
            )
        new = [m for m in rows.values() if m.pk is None]
        if new:
            bulk_create_with_history(new, Material, default_user=self.by)
        # Materials the file no longer lists go, unless the secretariat attached a file to them.
        stale = [m.pk for m in existing.values() if not m.file]
        if stale:
            Material.objects.filter(pk__in=stale).delete()
        return rows


def unlisted_speakers(parsed: ParsedMinutes) -> list[Attendee]:
    """People who speak without being on the attendance list, when their organization is known."""
    extra: dict[tuple[str, str], Attendee] = {}
    attending_organizations = {a.organization for a in parsed.attendees if a.organization}
    for item in parsed.agenda_items:
        for statement in item.statements:
            match = parsed.speaker(statement.speaker)
            if match.attendee is not None or match.candidates or not match.family_name:
                continue
            if match.organization and match.organization in attending_organizations:
                extra.setdefault(
                    (match.family_name, match.organization),
                    Attendee(name=match.family_name, organization=match.organization, line=statement.line),
                )
    return list(extra.values())


def locked_meeting(body: Body, number: int) -> tuple[Meeting, bool]:
    """The meeting row, locked for the import, or a new one; True if it existed."""
    meeting = Meeting.objects.select_for_update().filter(body=body, number=number).first()
    if meeting is None:
        return Meeting(body=body, number=number), False
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.is_published:
        raise MinutesError(f"{meeting} has published minutes, which never change in place; record an erratum")
    return meeting, True
