"""Statement search: NFKC substring search through the bigram index (apps.deliberation.search_sql)."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, StrIndex
from django.utils.translation import gettext_lazy as _

from apps.access.permissions import AnyUser, visible_meetings
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting, Statement

from . import search_sql
from .models import Issue
from .ngrams import bigrams, search_form


class _Bigrams(Func):
    function = search_sql.BIGRAM_FUNCTION
    output_field = ArrayField(models.TextField())


def statements_containing(statements: QuerySet[Statement], term: str, *, indexed: bool = True) -> QuerySet[Statement]:
    """Narrow `statements` to those whose NFKC text contains `term`, through the bigram index.

    Shared by statement_search and the API's `?q=`, so that both use the index. On PostgreSQL
    a term of two or more characters is looked up in the bigram GIN index (exact for two
    characters; longer terms are rechecked as a substring); a one-character term has no bigram
    and is scanned; SQLite always scans. An empty term leaves `statements` as they are.
    `indexed=False` gives the plain substring scan, for comparison in tests and benchmarks.
    """
    needle = search_form(term).strip()
    if not needle:
        return statements
    # No letter with case (Japanese, digits): search the text as stored, sparing lower() per row.
    search_text = F("text_normalized") if needle.lower() == needle.upper() else Lower("text_normalized")
    if not (indexed and connection.vendor == "postgresql" and len(needle) >= 2):
        # The plain scan, as Django's `contains` writes it: LIKE, which PostgreSQL scans in parallel.
        return statements.alias(search_text=search_text).filter(search_text__contains=needle)
    # The bigrams go in as a sub-select the planner cannot look into. Given the values, it
    # multiplies their frequencies as if independent (緊急 and 急通 are anything but),
    # expects one row for any longer term and joins the meetings row by row through
    # their indexes; unseen, it takes its generic estimate and hashes the few meetings.
    query_bigrams = RawSQL("SELECT %s::text[]", (sorted(bigrams(needle)),), output_field=ArrayField(models.TextField()))
    statements = statements.alias(text_bigrams=_Bigrams(Lower("text_normalized"))).filter(
        text_bigrams__contains=query_bigrams
    )
    if len(needle) == 2:
        return statements  # a two-character term is its own bigram: the index answer is exact
    # The recheck is strpos, not LIKE: the planner guesses a third of the rows pass it, so a
    # common longer term still gets hash joins; for LIKE it guesses a handful and loops.
    position = StrIndex(search_text, Value(needle))
    return statements.alias(term_position=position).filter(term_position__gt=0)


def statement_search(
    *,
    term: str,
    body: Body | None = None,
    include_sub_bodies: bool = True,
    speaker: Person | None = None,
    organization: Organization | None = None,
    meeting: Meeting | None = None,
    issue: Issue | None = None,
    user: AnyUser | None = None,
    indexed: bool = True,
) -> QuerySet[Statement]:
    """Statements whose text contains `term` (NFKC, case-insensitive), newest meeting first.

    Finds exactly what a substring scan of the NFKC text finds. On PostgreSQL a term of two or
    more characters is looked up in the bigram GIN index (exact for two characters; longer
    terms are rechecked as substrings); a one-character term has no bigram and is scanned; SQLite
    always scans. With `user`, only meetings whose minutes the user may read. `indexed=False`:
    the same search as a plain scan, for comparison.
    """
    if not search_form(term).strip():
        raise ValidationError({"term": _("Enter a word to search for.")})
    statements = statements_containing(Statement.objects.all(), term, indexed=indexed)
    if body is not None:
        if include_sub_bodies:
            statements = statements.filter(agenda_item__meeting__body_id__in=body.descendant_ids_subquery())
        else:
            statements = statements.filter(agenda_item__meeting__body_id=body.pk)
    if meeting is not None:
        statements = statements.filter(agenda_item__meeting=meeting)
    if speaker is not None:
        statements = statements.filter(speaker=speaker)
    if organization is not None:
        statements = statements.filter(speaker_organization=organization)
    if issue is not None:
        statements = statements.filter(taggings__issue=issue)
    if user is not None:
        statements = statements.filter(agenda_item__meeting__in=visible_meetings(user))
    return statements.select_related("agenda_item__meeting__body", "speaker", "speaker_organization").order_by(
        "-agenda_item__meeting__starts_at", "agenda_item__meeting_id", "agenda_item__order", "order", "id"
    )
