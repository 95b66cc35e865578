"""Who is told about what: the secretariat and the chair of a body, its members, a reviewer."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import QuerySet

from apps.directory.models import Body, Membership


def _body_and_ancestor_ids(body: Body) -> list[int]:
    """The body and those above it (the tree is shallow: a few queries at most)."""
    ids = [body.pk]
    while body.parent_id is not None:
        body = Body.objects.only("id", "parent_id").get(pk=body.parent_id)
        ids.append(body.pk)
    return ids


def _holding(body_ids: Iterable[int], roles: Iterable[str]) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        person__memberships__body_id__in=list(body_ids),
        person__memberships__role__in=list(roles),
        person__memberships__end__isnull=True,
    ).distinct()


def secretariat_of(body: Body) -> QuerySet[User]:
    """The secretariat of the body or of a body above it (they run its minutes)."""
    return _holding(_body_and_ancestor_ids(body), [Membership.Role.SECRETARIAT])


def chairs_of(body: Body) -> QuerySet[User]:
    return _holding([body.pk], [Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR])


def members_of(body: Body) -> QuerySet[User]:
    """Everyone who currently holds a role in the body itself."""
    return _holding([body.pk], Membership.Role.values)


def without(users: Iterable[User], actor: object) -> list[User]:
    """The users, less the one who acted (nobody needs telling what they just did)."""
    actor_pk = getattr(actor, "pk", None)
    return [user for user in users if user.pk != actor_pk]
