"""Which Person in the directory each person named in the minutes is.

A person *fits* a printed name when nothing known contradicts it: the same family name, and given
names and organizations equal or missing on one side. Of the people who fit, a name takes

- on re-import, the person its attendance row pointed at before: a re-import does not decide
  again, and keeps the corrections the secretariat made;
- otherwise the best of those with the same full name (anywhere in the directory), those known to
  the body (members, attendees of its meetings) and those of the organization it is printed with;
  full name first, then the body, the organization, the role in the body. The pair is taken only
  if each is the other's single best, so that two 森川 in the minutes, or in the body, are never
  merged into one. Anything else is recorded as a new person, with a warning if it was a close call.

A person known only to bodies outside the importing body's tree is not taken on a name alone: the
match is a proposal (`Proposal`, with a warning on its line) and the printed name is recorded as a
new person of this body, unless the secretariat confirmed it (`Confirmations`: per person in the
workbench, all of them with the command's flag). A match records attendance, never a membership.

A matched person gets the parts the directory lacks (given name, organization, title), but only
where the directory rule (apps.access.directory) lets the importing secretariat edit the record:
one shared with bodies it does not run is left as it is. Parts that differ are kept and warned about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from apps.directory.models import Person
from apps.importer.candidates import Candidate, Named
from apps.importer.people import described
from apps.importer.result import Attendee, ParseWarning
from apps.meetings.models import Attendance

# The kind of warning that carries a proposal (ParseWarning.kind), for the command to print as one.
DIRECTORY_PROPOSAL = "directory_proposal"

# Their printed role is their title.
OFFICIAL_CATEGORIES = (Attendance.Category.MINISTRY, Attendance.Category.SECRETARIAT, Attendance.Category.OTHER)


def _title(attendee: Attendee) -> str:
    return (attendee.role or "") if attendee.category in OFFICIAL_CATEGORIES else ""


@dataclass(frozen=True)
class Confirmations:
    """Matches to people known only to other bodies that the secretariat confirmed: every one
    (the command's --confirm-directory-matches), or these people (chosen in the workbench)."""

    everyone: bool = False
    people: frozenset[int] = frozenset()

    def __contains__(self, person_id: object) -> bool:
        return self.everyone or person_id in self.people


NONE_CONFIRMED = Confirmations()


@dataclass
class Proposal:
    """A printed name whose match is a person of other bodies only: offered, not taken."""

    named: Named
    person: Person
    bodies: tuple[str, ...]


@dataclass
class Matching:
    people: dict[tuple, Person] = field(default_factory=dict)  # by person_key
    created: list[tuple[Person, int]] = field(default_factory=list)  # with the line that named them
    filled: list[tuple[Person, int]] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)


def match_people(
    named: list[Named], candidates: list[Candidate], confirmed: Confirmations = NONE_CONFIRMED
) -> Matching:
    result = Matching()
    unique: dict[tuple, Named] = {}
    for n in named:
        unique.setdefault(n.key, n)  # a name printed twice is one person
    by_pk = {c.person.pk: c for c in candidates}
    taken = _anchored(unique.values(), by_pk)  # person pk → the name that is them
    anchored = set(taken.values())
    pending = [n for n in unique.values() if n not in anchored]
    paired, undecided = _pair(pending, [c for c in candidates if c.person.pk not in taken])
    proposed = {n: c for n, c in paired if c.other_bodies and c.person.pk not in confirmed}
    taken.update({c.person.pk: n for n, c in paired if n not in proposed})
    for pk, n in taken.items():
        person = by_pk[pk].person
        result.people[n.key] = person
        if _fill(person, n, result.warnings, may_change=by_pk[pk].may_fill):
            result.filled.append((person, n.attendee.line))
    free = [c for c in candidates if c.person.pk not in taken]
    for n in pending:
        if n.key in result.people:
            continue
        if n in proposed:
            result.proposals.append(Proposal(n, proposed[n].person, proposed[n].other_bodies))
            result.warnings.append(_proposal_warning(n, proposed[n]))
        elif n in undecided and undecided[n] not in result.warnings:  # rivals on one line: one warning
            result.warnings.append(undecided[n])
        elif n.attendee.given_name:
            _warn_near_misses(n, free, result.warnings)
        _record_new(n, result)
    return result


def _record_new(n: Named, result: Matching) -> None:
    a = n.attendee
    person = Person(family_name=a.family_name, given_name=a.given_name, organization=n.organization, title=_title(a))
    result.people[n.key] = person
    result.created.append((person, a.line))


def _anchored(named: Iterable[Named], by_pk: dict[int, Candidate]) -> dict[int, Named]:
    """Re-import: the names whose attendance row already points at a person who still fits them."""
    taken: dict[int, Named] = {}
    for n in named:
        c = by_pk.get(n.previous) if n.previous else None
        if c is not None and c.person.pk not in taken and _fits(n, c):
            taken[c.person.pk] = n
    return taken


def _fits(n: Named, c: Candidate) -> bool:
    a, p = n.attendee, c.person
    return (
        p.family_name == a.family_name
        and (not p.given_name or not a.given_name or p.given_name == a.given_name)
        and _organization_fits(n, p)
    )


def _organization_fits(n: Named, person: Person) -> bool:
    return person.organization_id is None or n.organization is None or person.organization_id == n.organization.pk


def _score(n: Named, c: Candidate) -> tuple[bool, bool, bool, bool] | None:
    """How strongly c is n, to compare; None if it does not fit, or only shares the family name."""
    if not _fits(n, c):
        return None
    full_name = bool(n.attendee.given_name) and c.person.given_name == n.attendee.given_name
    same_organization = n.organization is not None and c.person.organization_id == n.organization.pk
    if not (full_name or c.in_body or same_organization):
        return None  # a family name alone says nothing about people outside the body
    return full_name, c.in_body, same_organization, n.role is not None and c.body_role == n.role


T = TypeVar("T")


def _best(scored: list[tuple[tuple, T]]) -> list[T]:
    """The options with the top score."""
    top = max((score for score, _ in scored), default=None)
    return [option for score, option in scored if score == top]


def _pair(
    named: list[Named], candidates: list[Candidate]
) -> tuple[list[tuple[Named, Candidate]], dict[Named, ParseWarning]]:
    """Names and people that are each other's single best; a warning for each name left undecided."""
    wants: dict[Named, list[tuple[tuple, Candidate]]] = defaultdict(list)
    rivals: dict[int, list[tuple[tuple, Named]]] = defaultdict(list)
    for n in named:
        for c in candidates:
            score = _score(n, c)
            if score is not None:
                wants[n].append((score, c))
                rivals[c.person.pk].append((score, n))
    paired: list[tuple[Named, Candidate]] = []
    undecided: dict[Named, ParseWarning] = {}
    for n in named:
        best = _best(wants[n])
        if len(best) > 1:
            message = _("“%(name)s” fits several people in the directory (%(people)s); recorded as a new person.")
            values = {"name": described(n.attendee), "people": _people_list(c.person for c in best)}
            undecided[n] = ParseWarning(n.attendee.line, message % values)
        elif best:
            contenders = _best(rivals[best[0].person.pk])
            if contenders == [n]:
                paired.append((n, best[0]))
            elif n in contenders:
                message = _(
                    "Several names in these minutes (%(names)s) fit the same person, %(person)s; "
                    "each is recorded as a new person."
                )
                values = {
                    "names": _(", ").join(described(r.attendee) for r in contenders),
                    "person": _person_label(best[0].person),
                }
                undecided[n] = ParseWarning(n.attendee.line, message % values)
    return paired, undecided


def _fill(person: Person, n: Named, warnings: list[ParseWarning], *, may_change: bool) -> bool:
    """Give the person what the directory lacks, if `may_change`; True if anything changed.
    Differences, and what was left out, are warned about."""
    a = n.attendee
    missing: dict[str, object] = {}
    if a.given_name and not person.given_name:
        missing["given_name"] = a.given_name
    if n.organization is not None and person.organization_id is None:
        missing["organization"] = n.organization
    title = _title(a)
    if title and not person.title:
        missing["title"] = title
    elif title and person.title != title:
        message = _(
            "%(person)s: the directory gives the title “%(kept)s”, the minutes “%(printed)s”; kept the directory's."
        )
        values = {"person": _person_label(person), "kept": person.title, "printed": title}
        warnings.append(ParseWarning(a.line, message % values))
    if missing and not may_change:
        message = _(
            "%(person)s is also recorded by bodies you do not run: the directory entry was not completed "
            "from these minutes."
        )
        warnings.append(ParseWarning(a.line, message % {"person": _person_label(person)}))
        return False
    for name, value in missing.items():
        setattr(person, name, value)
    return bool(missing)


def _proposal_warning(n: Named, c: Candidate) -> ParseWarning:
    person = c.person
    message = _(
        "“%(name)s” may be %(person)s%(organization)s of %(bodies)s, another body: recorded as a new person "
        "unless the match is confirmed (a confirmed match records the attendance only)."
    )
    values = {
        "name": described(n.attendee),
        "person": _person_label(person),
        "organization": f" ({person.organization.name})" if person.organization else "",
        "bodies": _(", ").join(c.other_bodies),
    }
    return ParseWarning(n.attendee.line, message % values, kind=DIRECTORY_PROPOSAL, person=person.pk)


def _warn_near_misses(n: Named, candidates: list[Candidate], warnings: list[ParseWarning]) -> None:
    """A new 森川 浩 where the body knows a 森川 博之: a typo, or another person? Say which was assumed."""
    a = n.attendee
    near = [
        c
        for c in candidates
        if c.in_body
        and c.person.family_name == a.family_name
        and c.person.given_name
        and c.person.given_name != a.given_name
        and _organization_fits(n, c.person)
    ]
    if near:
        message = _("“%(name)s” differs in given name from %(people)s of this body; recorded as another person.")
        values = {"name": described(a), "people": _people_list(c.person for c in near)}
        warnings.append(ParseWarning(a.line, message % values))


def _people_list(people: Iterable[Person]) -> str:
    return _(", ").join(_person_label(p) for p in people)


def _person_label(person: Person) -> str:
    return _("%(name)s (id %(id)s)") % {"name": person.full_name, "id": person.pk}
