"""Who may see and do what, shared by the portal, the API and the reports.

- secretariat of a body (or of an ancestor): everything of it, drafts included, and may edit;
- chair, deputy chair, members, experts, operator representatives of a body (or of an
  ancestor): drafts of that body, read-only;
- observers, other users and anonymous visitors: published minutes and reports only.
Superusers count as secretariat everywhere.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from apps.directory.models import Body, Membership
from apps.meetings.models import Meeting

SECRETARIAT_ROLES = frozenset({Membership.Role.SECRETARIAT})
PARTICIPANT_ROLES = frozenset(
    {
        Membership.Role.CHAIR,
        Membership.Role.DEPUTY_CHAIR,
        Membership.Role.MEMBER,
        Membership.Role.EXPERT,
        Membership.Role.OPERATOR_REPRESENTATIVE,
    }
)

AnyUser = User | AnonymousUser


def _body_ids_with_roles(user: AnyUser, roles: frozenset[str]) -> set[int]:
    """Bodies where the user holds one of `roles` now, with every body below them."""
    if not user.is_authenticated:
        return set()
    direct = Membership.objects.filter(person__user=user, role__in=roles, end__isnull=True).values_list(
        "body_id", flat=True
    )
    ids: set[int] = set()
    frontier = set(direct)
    while frontier:
        ids |= frontier
        frontier = set(Body.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
    return ids


def secretariat_body_ids(user: AnyUser) -> set[int] | None:
    """Bodies the user runs as secretariat; None means all of them (superuser)."""
    if user.is_authenticated and user.is_superuser:
        return None
    return _body_ids_with_roles(user, SECRETARIAT_ROLES)


def draft_body_ids(user: AnyUser) -> set[int] | None:
    """Bodies whose unpublished records the user may read; None means all of them."""
    if user.is_authenticated and user.is_superuser:
        return None
    return _body_ids_with_roles(user, SECRETARIAT_ROLES | PARTICIPANT_ROLES)


def is_secretariat(user: AnyUser, body: Body) -> bool:
    ids = secretariat_body_ids(user)
    return ids is None or body.pk in ids


def can_see_drafts(user: AnyUser, body: Body) -> bool:
    ids = draft_body_ids(user)
    return ids is None or body.pk in ids


def visible_meetings(user: AnyUser, queryset: QuerySet | None = None) -> QuerySet:
    """Meetings whose record the user may read: published minutes, or drafts of their bodies."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    body_ids = draft_body_ids(user)
    if body_ids is None:
        return queryset
    return queryset.filter(Q(minutes__status="published") | Q(body_id__in=body_ids))
