"""Statement search and the statement list, a page at a time: newest meeting first, then the
order of the statements, every next page by keyset (a cursor), with a count that stops at 10,000.

Two strategies, chosen by the estimated share of statements that contain the term:

- INDEX: the bigram GIN index yields every statement that contains the term, and the
  database sorts them and keeps the page. Costs about as much as there are matches, so it
  serves rare terms.
- ORDERED: the meetings in the order of the results, newest first, and in each one its
  statements in order, tested one by one until the page is full. Costs about page size ÷ share
  of the term, so it serves common terms (and the list without a term); SQLite always scans.

Both return exactly what a substring scan of the search text returns, in the same order
(tests/deliberation/test_search_plan.py holds them to it, page after page).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, StrIndex
from django.utils.translation import gettext_lazy as _

from apps.meetings.models import Statement

from . import search_sql
from .ngrams import bigrams, search_form
from .search_scope import Cursor, SearchScope
from .search_statistics import BigramStatistics, bigram_statistics, bigrams_to_look_up, estimated_share

PAGE_SIZE = 50
COUNT_LIMIT = 10_000
MAX_TERM_LENGTH = 100
RESULT_ORDER = ("-agenda_item__meeting__starts_at", "agenda_item__meeting_id", "agenda_item__order", "order", "id")
# What one candidate costs the index strategy, against one statement the ordered scan tests
# (measured at 1M statements: about 2 µs for a heap visit, a recheck and a sort slot, against
# 1.1 µs for a statement of the newest meetings tested in order).
INDEX_COST_PER_MATCH = 2
# The probe of a term whose estimate is loose: enough statements to fill a page when the term is
# as common as the crossover (about 0.5 % at 1M), few enough that a rare term loses little.
PROBE_STATEMENTS = 5_000


class Strategy(StrEnum):
    INDEX = "index"
    ORDERED = "ordered"


@dataclass(frozen=True)
class Count:
    value: int
    at_least: bool  # more than COUNT_LIMIT: `value` is the limit

    def __str__(self) -> str:
        return f"{self.value:,}+" if self.at_least else f"{self.value:,}"


@dataclass
class SearchPage:
    statements: list[Statement]
    next_cursor: str | None
    strategy: Strategy
    needle: str  # the term in search form, for highlighting


def needle_of(term: str) -> str:
    needle = search_form(term).strip()
    if len(needle) > MAX_TERM_LENGTH:
        raise ValidationError({"q": _("Search for at most %(limit)d characters.") % {"limit": MAX_TERM_LENGTH}})
    return needle


def _crossover(statements: int) -> float:
    """The share of statements below which the index costs less than the ordered scan.

    index: share × statements × cost per match; ordered scan: page ÷ share rows. Equal here.
    """
    return math.sqrt((PAGE_SIZE + 1) / (INDEX_COST_PER_MATCH * statements))


def _plan(needle: str, statistics: BigramStatistics | None, scope: SearchScope) -> tuple[Strategy, int | None]:
    """The strategy, and for an ordered scan chosen on a loose estimate, how many meetings to probe.

    The rarest bigram only bounds the term's share from above: 検討会で、電気 is in 0.08 % of
    the benchmark's statements, each of its bigrams in several per cent; and a speaker says a
    common word seldom. So when the term has more than one bigram, or the scope picks statements
    by speaker, organization or issue, the ordered scan first reads the newest meetings holding
    about PROBE_STATEMENTS statements. If they fill the page, that is the page; if not, what
    they held tells what the ordered scan would cost, and the cheaper strategy answers (see
    _after_probe).
    """
    if connection.vendor != "postgresql" or len(needle) < 2:
        return Strategy.ORDERED, None
    estimate = estimated_share(needle, statistics)
    if estimate is None:
        return Strategy.INDEX, None
    if estimate.share < _crossover(estimate.statements):
        return Strategy.INDEX, None
    if scope.meeting is not None:
        return Strategy.ORDERED, None  # at most MEETING_MAX_STATEMENTS to read
    if len(needle) == 2 and not scope.filters_statements:
        return Strategy.ORDERED, None  # one bigram: the estimate is the term's own share
    return Strategy.ORDERED, math.ceil(PROBE_STATEMENTS * estimate.meetings / estimate.statements)


def _after_probe(needle: str, found_in_probe: int, statistics: BigramStatistics | None) -> Strategy:
    """The strategy for a term of which the probe's PROBE_STATEMENTS held `found_in_probe`.

    What the probe found, with the filters, tells how far the ordered scan would read for a page.
    The index fetches every candidate of the term whatever the filters: at most as many as hold
    its rarest bigram. The index when that bound costs less.
    """
    ordered_rows = (PAGE_SIZE + 1) * PROBE_STATEMENTS / max(found_in_probe, 1)
    estimate = estimated_share(needle, statistics)
    if estimate is None:
        return Strategy.INDEX
    candidates = estimate.share * estimate.statements
    return Strategy.INDEX if candidates * INDEX_COST_PER_MATCH <= ordered_rows else Strategy.ORDERED


@contextmanager
def _exact_bitmaps() -> Iterator[None]:
    """Room for the bitmap of every candidate (search_sql.EXACT_BITMAPS), for one transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    # Within the caller's transaction if there is one (no savepoint to pay for): SET LOCAL then
    # lasts until that ends, which only leaves the rest of it the same room.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(search_sql.EXACT_BITMAPS)
        yield


class _Bigrams(Func):
    function = search_sql.BIGRAM_FUNCTION
    output_field = ArrayField(models.TextField())


def _term_filter(statements: QuerySet[Statement], needle: str, *, indexed: bool) -> QuerySet[Statement]:
    """Statements whose search text contains the needle: through the bigram index, or scanned."""
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


def statements_containing(statements: QuerySet[Statement], term: str, *, indexed: bool = True) -> QuerySet[Statement]:
    """Narrow `statements` to those whose NFKC text contains `term` (the API's `?q=` on its own list)."""
    return _term_filter(statements, needle_of(term), indexed=indexed)


def _substring_sql(needle: str) -> tuple[str, list]:
    """The substring test on the alias `s`: on the text as stored when the needle has no case."""
    column = "s.text_normalized" if needle.lower() == needle.upper() else "lower(s.text_normalized)"
    return f"strpos({column}, %s) > 0", [needle]


def _ordered_scan_ids(
    needle: str,
    scope: SearchScope,
    after: Cursor | None,
    limit: int,
    meetings_window: int | None = None,
    meetings_skipped: int = 0,
) -> RawSQL:
    """Ids of the page, from the meetings newest first and their statements in order (PostgreSQL):
    of the first `meetings_window` meetings only, or of all after the first `meetings_skipped`."""
    meetings = scope.meetings()
    inner, inner_params = scope.statement_conditions()
    if needle:
        contains, contains_params = _substring_sql(needle)
        inner.append(contains)
        inner_params += contains_params
    if after is not None:
        meetings = meetings.filter(
            Q(starts_at__lt=after.starts_at) | Q(starts_at=after.starts_at, pk__gte=after.meeting_id)
        )
        inner.append('(s.sort_meeting_id <> %s OR (s.sort_agenda_order, s."order", s.id) > (%s, %s, %s))')
        inner_params += [after.meeting_id, after.agenda_order, after.order, after.statement_id]
    # In the order of the results: the planner reads the meeting_newest_first index, or sorts
    # the scope's meetings once, and keeps that order through the nested loop.
    ordered = meetings.order_by("-starts_at", "pk").values("id", "starts_at")
    if meetings_window is not None:
        ordered = ordered[:meetings_window]
    elif meetings_skipped:
        ordered = ordered[meetings_skipped:]
    meetings_sql, meetings_params = ordered.query.sql_with_params()
    sql = search_sql.ORDERED_SCAN.format(meetings=meetings_sql, statements=" AND ".join(["true", *inner]))
    # Every value is a parameter; the SQL is ours and the scope's compiled QuerySet.
    return RawSQL(sql, (*meetings_params, *inner_params, limit))  # noqa: S611


def _index_ids(
    needle: str, scope: SearchScope, after: Cursor | None, limit: int, statistics: BigramStatistics | None
) -> RawSQL:
    """Ids of the page, from every match the bigram index yields, sorted by their row's keys (PostgreSQL)."""
    term: list[str] = ["true"]
    term_params: list = []
    if len(needle) >= 2:
        term.append(f"{search_sql.BIGRAM_FUNCTION}(lower(s.text_normalized)) @> (SELECT %s::text[])")
        term_params.append(bigrams_to_look_up(needle, statistics))
    if needle and len(needle) != 2:  # a two-character term is its own bigram: the index answer is exact
        contains, contains_params = _substring_sql(needle)
        term.append(contains)
        term_params += contains_params
    if after is not None:
        term.append(search_sql.AFTER_CURSOR)
        term_params += [after.starts_at, after.meeting_id, after.agenda_order, after.order, after.statement_id]
    conditions, params = scope.statement_conditions()
    meetings_sql, meetings_params = scope.meetings().order_by().values("id").query.sql_with_params()
    sql = search_sql.INDEX_MATCHES.format(
        term=" AND ".join(term), meetings=meetings_sql, statements=" AND ".join(["true", *conditions])
    )
    # Every value is a parameter; the SQL is ours and the scope's compiled QuerySet.
    return RawSQL(sql, (*term_params, *meetings_params, *params, limit))  # noqa: S611


def search_page(
    *,
    term: str = "",
    scope: SearchScope | None = None,
    after: str | None = None,
    size: int = PAGE_SIZE,
    strategy: Strategy | None = None,
    statements: QuerySet[Statement] | None = None,
) -> SearchPage:
    """One page of the statements in `scope` that contain `term` (every statement without one).

    `after` is the `next_cursor` of the previous page. `strategy` forces one (tests, benchmarks);
    `statements` is the base QuerySet the page's rows come from (the API's, with its columns).
    """
    scope = scope or SearchScope()
    needle = needle_of(term)
    cursor = Cursor.decode(after) if after else None
    window = None
    # Read for choosing, and for choosing which bigrams to look up when there are several.
    wanted = strategy is None or (strategy is Strategy.INDEX and len(needle) > 2)
    statistics = bigram_statistics() if needle and wanted else None
    if strategy is None:
        strategy, window = _plan(needle, statistics, scope) if needle else (Strategy.ORDERED, None)
    # What a result line shows and the cursor needs; the search text stays in the database.
    base = Statement.objects.defer("text_normalized") if statements is None else statements
    base = base.select_related("agenda_item__meeting")
    if connection.vendor != "postgresql":  # SQLite scans
        rows = _term_filter(base.filter(scope.statement_filter()), needle, indexed=False)
        if cursor is not None:
            rows = rows.filter(cursor.statement_filter())
        return _page(list(rows.order_by(*RESULT_ORDER)[: size + 1]), size, strategy, needle)
    found: list[Statement] = []
    if strategy is Strategy.ORDERED and window is not None:
        rows = base.filter(pk__in=_ordered_scan_ids(needle, scope, cursor, size + 1, window))
        found = list(rows.order_by(*RESULT_ORDER)[: size + 1])
        if len(found) <= size:  # the newest meetings did not fill the page: a rarer term
            strategy = _after_probe(needle, len(found), statistics)
            if strategy is Strategy.ORDERED:  # the page goes on in the meetings after the probe's
                ids = _ordered_scan_ids(needle, scope, cursor, size + 1 - len(found), meetings_skipped=window)
                found += list(base.filter(pk__in=ids).order_by(*RESULT_ORDER)[: size + 1 - len(found)])
    elif strategy is Strategy.ORDERED:
        rows = base.filter(pk__in=_ordered_scan_ids(needle, scope, cursor, size + 1))
        found = list(rows.order_by(*RESULT_ORDER)[: size + 1])
    if strategy is Strategy.INDEX:
        rows = base.filter(pk__in=_index_ids(needle, scope, cursor, size + 1, statistics))
        with _exact_bitmaps():
            found = list(rows.order_by(*RESULT_ORDER)[: size + 1])
    return _page(found, size, strategy, needle)


def _page(found: list[Statement], size: int, strategy: Strategy, needle: str) -> SearchPage:
    """The first `size` of `found`, and the cursor after them when there is more."""
    next_cursor = Cursor.after(found[size - 1]).encode() if len(found) > size else None
    return SearchPage(statements=found[:size], next_cursor=next_cursor, strategy=strategy, needle=needle)


def search_count(*, term: str = "", scope: SearchScope | None = None) -> Count:
    """How many statements match, counted up to COUNT_LIMIT: enough to say "10,000+".

    Through the index when the estimate allows at most a few times the limit (every match, in
    table order, then stop); else by the ordered scan, which stops at the limit. A common term
    through the index would fetch and recheck every row of its whole posting list.
    """
    scope = scope or SearchScope()
    needle = needle_of(term)
    estimate = estimated_share(needle, bigram_statistics()) if needle else None
    by_index = connection.vendor != "postgresql" or (
        len(needle) >= 2 and (estimate is None or estimate.share * estimate.statements <= 5 * COUNT_LIMIT)
    )
    if by_index:
        found = _term_filter(Statement.objects.filter(scope.statement_filter()), needle, indexed=True)
        with _exact_bitmaps():
            value = found.order_by()[: COUNT_LIMIT + 1].count()
    else:  # counted straight off the scan's ids: as pk__in, the planner would scan the table for them
        ids = _ordered_scan_ids(needle, scope, None, COUNT_LIMIT + 1)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({ids.sql}) AS found", ids.params)  # noqa: S608 - ours, parameters
            value = cursor.fetchone()[0]
    return Count(min(value, COUNT_LIMIT), at_least=value > COUNT_LIMIT)
