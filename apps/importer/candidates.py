"""Who each person named in the minutes could be: the directory people who might fit a printed
name, each with what the matching (apps.importer.matching) weighs — whether the body knows them,
and which bodies they belong to."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, Subquery

from apps.access.directory import importer_body_ids, people_body_ids, within_own_bodies
from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.result import Attendee
from apps.meetings.models import Attendance


def person_key(attendee: Attendee, organization: Organization | None) -> tuple:
    """One person per key: a full name within an organization; without a given name, also the role
    (森川座長代理 and 森川構成員 are two people)."""
    role = "" if attendee.given_name else (attendee.role or "")
    return attendee.family_name, attendee.given_name, organization.pk if organization else None, role


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
    other_bodies: tuple[str, ...] = ()  # known only to these bodies, outside the importing body's tree
    may_fill: bool = True  # the directory rule lets the importing secretariat complete the record


def candidates_for(named: list[Named], body: Body, *, importer: User | None) -> list[Candidate]:
    """The people any of the names could be (see apps.importer.matching), with the bodies each belongs
    to and whether `importer` (None: the command line) may complete their record."""
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
        .select_related("organization")
        .order_by("id")
    )
    if not people:
        return []
    bodies = people_body_ids(p.pk for p in people)
    scope, tree = importer_body_ids(importer, body), body.tree_ids()
    outside = {p.pk: ids for p in people if (ids := bodies.get(p.pk, set())) and not ids & tree}
    names = (
        dict(Body.objects.filter(pk__in=set().union(*outside.values())).values_list("pk", "name")) if outside else {}
    )
    return [
        Candidate(
            p,
            p.body_role is not None or p.attended,
            p.body_role,
            other_bodies=tuple(sorted(names[body_id] for body_id in outside.get(p.pk, ()))),
            may_fill=within_own_bodies(scope, bodies.get(p.pk, set()) | {body.pk}),
        )
        for p in people
    ]
