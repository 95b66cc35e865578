"""Shared reads of the directory: the type-ahead over people and organizations."""

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat

from apps.core.text import normalize
from apps.directory.models import Organization, Person

SEARCH_LIMIT = 20


def people_search(query: str, *, limit: int = SEARCH_LIMIT) -> QuerySet[Person]:
    """People whose full name (with or without the space), kana, title or organization contains `query`."""
    term = normalize(query).strip()
    if not term:
        return Person.objects.none()
    wanted = (
        Q(full__icontains=term.replace(" ", ""))
        | Q(name_kana__icontains=term)
        | Q(title__icontains=term)
        | Q(organization__name_normalized__icontains=term)
        | Q(organization__short_name__icontains=term)
    )
    return (
        Person.objects.annotate(full=Concat("family_name", Value(""), "given_name"))
        .filter(wanted)
        .select_related("organization")
        .order_by("name_kana", "family_name", "given_name", "id")[:limit]
    )


def organizations_search(query: str, *, limit: int = SEARCH_LIMIT) -> QuerySet[Organization]:
    term = normalize(query).strip()
    if not term:
        return Organization.objects.none()
    return Organization.objects.filter(Q(name_normalized__icontains=term) | Q(short_name__icontains=term)).order_by(
        "name", "id"
    )[:limit]
