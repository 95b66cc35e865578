"""Writes to the directory with their rules."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.access.permissions import AnyUser
from apps.core.text import normalize
from apps.directory.models import Organization, Person


@transaction.atomic
def person_create(
    *,
    family_name: str,
    given_name: str = "",
    name_kana: str = "",
    organization_name: str = "",
    title: str = "",
    by: AnyUser,
) -> Person:
    """A new person, entered by a secretariat where they meet them (a meeting's attendance).

    The person gets no membership and no account: being in the directory grants nothing.
    The organization is found by its NFKC name, or created.
    """
    if permissions.entry_body_ids(by) == set():
        raise PermissionDenied(_("Only a secretariat may add people to the directory."))
    organization = None
    if organization_name.strip():
        organization = Organization.objects.filter(name_normalized=normalize(organization_name.strip())).first()
        if organization is None:
            organization = Organization(name=organization_name.strip())
            organization.full_clean(exclude=["name_normalized"])
            organization.save()
    person = Person(
        family_name=family_name.strip(),
        given_name=given_name.strip(),
        name_kana=name_kana.strip(),
        title=title.strip(),
        organization=organization,
    )
    person.full_clean()
    person.save()
    return person
