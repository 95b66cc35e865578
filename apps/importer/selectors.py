"""What the workbench shows about an import: the source beside what was read, the person each
printed name would be, and what a re-import would change."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from apps.core.text import normalize
from apps.directory.models import Organization, Person
from apps.importer.candidates import Named, candidates_for
from apps.importer.matching import Proposal, match_people
from apps.importer.models import ImportRun
from apps.importer.result import Attendee
from apps.meetings.models import Meeting, Statement


@dataclass
class SourceLine:
    number: int
    text: str
    placed: list[str] = field(default_factory=list)  # what was read from it: "statement 2.5", "attendee 3", …
    unplaced: str = ""  # the parser's reason, when it could not place the line
    warnings: list[str] = field(default_factory=list)


def import_runs_for(body_ids: set[int] | None) -> QuerySet[ImportRun]:
    runs = ImportRun.objects.select_related("body", "meeting")
    return runs if body_ids is None else runs.filter(body_id__in=body_ids)


def source_lines(run: ImportRun) -> list[SourceLine]:
    """Every line of the source with its number, and what the parser made of it."""
    lines = [SourceLine(number, text) for number, text in enumerate(run.text.splitlines(), start=1)]
    for number, what, value in _read_at(run.result):
        if not 0 < number <= len(lines):
            continue
        line = lines[number - 1]
        if what == "placed":
            line.placed.append(value)
        elif what == "unplaced":
            line.unplaced = value or "unplaced"
        else:
            line.warnings.append(value)
    for line in lines:
        line.placed = _ranges(line.placed)
    return lines


def _read_at(result: dict):
    """(line, "placed" | "unplaced" | "warning", what) for everything the parse result puts on a line."""
    for position, attendee in enumerate(result.get("attendees", []), start=1):
        yield attendee.get("line", 0), "placed", f"attendee {position}"
    for position, material in enumerate(result.get("materials", []), start=1):
        yield material.get("line", 0), "placed", f"material {position}"
    for i, item in enumerate(result.get("agenda_items", []), start=1):
        yield item.get("line", 0), "placed", f"agenda {i}"
        for j, statement in enumerate(item.get("statements", []), start=1):
            yield statement.get("line", 0), "placed", f"statement {i}.{j}"
    for unplaced in result.get("unplaced", []):
        yield unplaced.get("line", 0), "unplaced", unplaced.get("reason", "")
    for warning in result.get("warnings", []):
        yield warning.get("line", 0), "warning", warning["message"]


def _ranges(placed: list[str]) -> list[str]:
    """attendee 1, attendee 2, …, attendee 14 → attendee 1–14 (a line of names holds many)."""
    if len(placed) < 3:
        return placed
    kinds = {entry.rsplit(" ", 1)[0] for entry in placed}
    if len(kinds) != 1:
        return placed
    first, last = placed[0].rsplit(" ", 1)[1], placed[-1].rsplit(" ", 1)[1]
    return [f"{kinds.pop()} {first}–{last}"]


@dataclass
class PersonProposal:
    position: int  # in the file's attendance (attendees, then absentees)
    attendee: dict
    proposed: Person | None  # None: a new person would be recorded
    candidates: list[Person]
    other_body: Proposal | None  # a person of other bodies only, offered for the secretariat to confirm
    chosen: str  # what the secretariat chose: a person's id, "new", or "" (the proposal stands)


def person_proposals(run: ImportRun) -> list[PersonProposal]:
    """Each printed person, with the directory person the importer would take and the others who fit."""
    attendees = run.result.get("attendees", [])
    wanted = {normalize(a["organization"]) for a in attendees if a.get("organization")}
    organizations = {o.name_normalized: o for o in Organization.objects.filter(name_normalized__in=wanted)}
    named: list[tuple[int, Named]] = []
    for position, data in enumerate(attendees):
        if data.get("is_organization"):
            continue
        attendee = Attendee(
            name=data["name"],
            role=data.get("role"),
            organization=data.get("organization"),
            category=data.get("category"),
        )
        organization = organizations.get(normalize(attendee.organization)) if attendee.organization else None
        named.append((position, Named(attendee, organization)))
    if not named:
        return []
    candidates = candidates_for([n for _, n in named], run.body, importer=run.created_by)
    matching = match_people([n for _, n in named], candidates)
    offered = {proposal.named: proposal for proposal in matching.proposals}
    by_family: dict[str, list[Person]] = {}
    for candidate in candidates:
        by_family.setdefault(candidate.person.family_name, []).append(candidate.person)
    proposals = []
    for position, n in named:
        person = matching.people.get(n.key)
        proposals.append(
            PersonProposal(
                position=position,
                attendee=attendees[position],
                proposed=person if person is not None and person.pk else None,
                candidates=by_family.get(n.attendee.family_name, []),
                other_body=offered.get(n),
                chosen=str(run.matches.get(str(position), "")),
            )
        )
    return proposals


@dataclass
class Change:
    where: str  # "2.5": agenda item 2, statement 5
    speaker: str
    text: str
    before: str = ""


@dataclass
class ReimportDiff:
    meeting: Meeting | None
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)


def reimport_diff(run: ImportRun, statements: list[tuple[int, int, str, str]]) -> ReimportDiff:
    """What importing `statements` (item, order, speaker, text) would do to the meeting already stored."""
    meeting = Meeting.objects.filter(body=run.body, number=run.number).first() if run.number else None
    diff = ReimportDiff(meeting)
    if meeting is None:
        return diff
    stored = {
        (s.agenda_item.order, s.order): s
        for s in Statement.objects.filter(agenda_item__meeting=meeting).select_related("agenda_item")
    }
    for item, order, speaker, text in statements:
        old = stored.pop((item, order), None)
        if old is None:
            diff.added.append(Change(f"{item}.{order}", speaker, text))
        elif normalize(old.text) != normalize(text) or normalize(old.speaker_label) != normalize(speaker):
            diff.changed.append(Change(f"{item}.{order}", speaker, text, before=f"【{old.speaker_label}】{old.text}"))
    for (item, order), old in sorted(stored.items()):
        diff.removed.append(Change(f"{item}.{order}", old.speaker_label, old.text))
    return diff
