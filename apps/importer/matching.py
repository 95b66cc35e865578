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

A matched person gets the parts the directory lacks (given name, organization, title); parts
that differ are kept and warned about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.people import described
from apps.importer.result import Attendee, ParseWarning
from apps.meetings.models import Attendance

# Their printed role is their title.
OFFICIAL_CATEGORIES = (Attendance.Category.MINISTRY, Attendance.Category.SECRETARIAT, Attendance.Category.OTHER)


def person_key(attendee: Attendee, organization: Organization | None) -> tuple:
    """One person per key: a full name within an organization; without a given name, also the role
    (森川座長代理 and 森川構成員 are two people)."""
    role = "" if attendee.given_name else (attendee.role or "")
    return attendee.family_name, attendee.given_name, organization.pk if organization else None, role


def _title(attendee: Attendee) -> str:
    return (attendee.role or "") if attendee.category in OFFICIAL_CATEGORIES else ""


@dataclass(eq=False)  # each is one printed name: compared and hashed by identity
class Named:
    """A person the minutes name: an attendee, or a speaker missing from the attendance."""

    attendee: Attendee
    organization: Organization | None
    role: str | None = None  # the membership role in the body the attendance implies
    previous: int | None = None  # re-import: the person its attendance row pointed at

    @property
    def key(self) -> tuple:
        return person_key(self.attendee, self.organization)


@dataclass
class Candidate:
    person: Person
    in_body: bool  # a member of the body, or an attendee of one of its meetings
    body_role: str | None = None


@dataclass
class Matching:
    people: dict[tuple, Person] = field(default_factory=dict)  # by person_key
    created: list[tuple[Person, int]] = field(default_factory=list)  # with the line that named them
    filled: list[tuple[Person, int]] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def candidates_for(named: list[Named], body: Body) -> list[Candidate]:
    """The people any of the names could be (see `_score`): one query."""
    memberships = Membership.objects.filter(person=OuterRef("pk"), body=body, end__isnull=True).order_by("role")
    people = (
        Person.objects.filter(family_name__in={n.attendee.family_name for n in named})
        .annotate(
            body_role=Subquery(memberships.values("role")[:1]),
            attended=Exists(Attendance.objects.filter(person=OuterRef("pk"), meeting__body=body)),
        )
        .filter(
            Q(given_name__in={n.attendee.given_name for n in named if n.attendee.given_name})
            | Q(organization__in={n.organization.pk for n in named if n.organization})
            | Q(body_role__isnull=False)
            | Q(attended=True)
        )
        .order_by("id")
    )
    return [Candidate(p, p.body_role is not None or p.attended, p.body_role) for p in people]


def match_people(named: list[Named], candidates: list[Candidate]) -> Matching:
    result = Matching()
    unique: dict[tuple, Named] = {}
    for n in named:
        unique.setdefault(n.key, n)  # a name printed twice is one person
    by_pk = {c.person.pk: c for c in candidates}
    taken: dict[int, Named] = {}  # person pk → the name that is them
    for n in unique.values():
        c = by_pk.get(n.previous) if n.previous else None
        if c is not None and c.person.pk not in taken and _fits(n, c):
            taken[c.person.pk] = n
    anchored = set(taken.values())
    pending = [n for n in unique.values() if n not in anchored]
    paired, undecided = _pair(pending, [c for c in candidates if c.person.pk not in taken])
    taken.update({c.person.pk: n for n, c in paired})
    for pk, n in taken.items():
        person = by_pk[pk].person
        result.people[n.key] = person
        if _fill(person, n, result.warnings):
            result.filled.append((person, n.attendee.line))
    free = [c for c in candidates if c.person.pk not in taken]
    for n in pending:
        if n.key in result.people:
            continue
        a = n.attendee
        if n in undecided and undecided[n] not in result.warnings:  # rivals on one line: one warning
            result.warnings.append(undecided[n])
        elif a.given_name:
            _warn_near_misses(n, free, result.warnings)
        person = Person(
            family_name=a.family_name, given_name=a.given_name, organization=n.organization, title=_title(a)
        )
        result.people[n.key] = person
        result.created.append((person, a.line))
    return result


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


def _fill(person: Person, n: Named, warnings: list[ParseWarning]) -> bool:
    """Give the person what the directory lacks; True if anything changed. Differences are warned about."""
    a = n.attendee
    changed = False
    if a.given_name and not person.given_name:
        person.given_name, changed = a.given_name, True
    if n.organization is not None and person.organization_id is None:
        person.organization, changed = n.organization, True
    title = _title(a)
    if title and not person.title:
        person.title, changed = title, True
    elif title and person.title != title:
        message = _(
            "%(person)s: the directory gives the title “%(kept)s”, the minutes “%(printed)s”; kept the directory's."
        )
        values = {"person": _person_label(person), "kept": person.title, "printed": title}
        warnings.append(ParseWarning(a.line, message % values))
    return changed


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
