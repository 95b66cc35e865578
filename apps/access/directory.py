"""Who may edit the shared directory (people and organizations) and link accounts to people.

People and organizations are shared by every body. A secretariat may edit one only when it
belongs to bodies the secretariat runs and to no other body; a record shared with another
body is read-only to it, so that one body's secretariat can neither rename another body's
members nor take over their accounts. A person belongs to the bodies of their memberships and
of the meetings they attended; an organization to the bodies it hosts, the bodies its people
or representatives sit on, and the bodies of the meetings it attended.

Linking a user account to a person decides who acts as that person (their reviews, their
roles): that is for superusers or holders of the directory-administrator permission.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from apps.access.permissions import secretariat_body_ids
from apps.directory.models import Body, Membership, Organization, Person
from apps.meetings.models import Attendance

LINK_USER_PERMISSION = "directory.link_person_user"


def person_body_ids(person: Person) -> set[int]:
    return people_body_ids([person.pk]).get(person.pk, set())


def people_body_ids(person_ids: Iterable[int]) -> dict[int, set[int]]:
    """The bodies each person belongs to, by person id (none: no entry); two queries for any number."""
    ids = list(person_ids)
    found: dict[int, set[int]] = defaultdict(set)
    memberships = Membership.objects.filter(person_id__in=ids).order_by().values_list("person_id", "body_id")
    attended = (
        Attendance.objects.filter(person_id__in=ids).order_by().values_list("person_id", "meeting__body_id").distinct()
    )
    for person_id, body_id in [*memberships, *attended]:
        found[person_id].add(body_id)
    return dict(found)


def organization_body_ids(organization: Organization) -> set[int]:
    hosted = Body.objects.filter(host=organization).values_list("pk", flat=True)
    memberships = Membership.objects.filter(
        Q(on_behalf_of=organization) | Q(person__organization=organization)
    ).values_list("body_id", flat=True)
    attended = Attendance.objects.filter(Q(organization=organization) | Q(person__organization=organization))
    return set(hosted) | set(memberships) | set(attended.values_list("meeting__body_id", flat=True))


def within_own_bodies(own_body_ids: set[int] | None, record_body_ids: set[int]) -> bool:
    """The rule itself: a record may be edited by whoever runs `own_body_ids` (None: every body)
    only if it belongs to some of them and to no other body."""
    if own_body_ids is None:
        return True
    return bool(record_body_ids) and record_body_ids <= own_body_ids


def _only_in_own_bodies(user: User | AnonymousUser, record_body_ids: set[int]) -> bool:
    return within_own_bodies(secretariat_body_ids(user), record_body_ids)


def importer_body_ids(user: User | None, body: Body) -> set[int] | None:
    """The bodies an import into `body` acts for, under this rule: those its user runs; from the
    command line (no user), those a secretariat of `body` runs — it and the bodies below it."""
    return secretariat_body_ids(user) if user is not None else body.descendant_ids()


def can_edit_person(user: User | AnonymousUser, person: Person) -> bool:
    return _only_in_own_bodies(user, person_body_ids(person))


def can_edit_organization(user: User | AnonymousUser, organization: Organization) -> bool:
    return _only_in_own_bodies(user, organization_body_ids(organization))


def can_link_user(user: User | AnonymousUser) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(LINK_USER_PERMISSION))
