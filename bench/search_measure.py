"""Search at one size, in a database of its own: `python bench/search_measure.py 200000` prints JSON rows.

Run by bench/bench_search.py with DATABASE_URL set. The database holds one body tree of exactly
that many statements (`generate_data`, timed: COPY, then the index is built); a later run reuses
it. For each frequency class of term (under 0.1 %, about 1 %, about 10 %, over 50 % of the
statements), the first page of 50 and page 10 by keyset are timed as the search serves them
(the strategy chosen from the index statistics, then the page), against the same page from the
plain substring scan (LIKE, ORDER BY, LIMIT/OFFSET) in the same run; both must give the same ids.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = 60  # per row: p95 is then the 57th of 60, not the one slowest run
SCAN_RUNS = 5
PAGE = 50
# Words of the reference minutes; each class gets the one whose share is nearest its centre.
CANDIDATES = (
    "検討会で、電気", "電気やガス", "輻輳", "網選定", "緊急通報受", "救済", "座長", "ローミング", "料金",
    "デュアルsim", "事業者",
    "iot", "esim", "災害時", "データ通信", "ガイドライン", "自動切替", "フルローミング", "ため", "こと", "について",
)  # fmt: skip
CLASSES = (("under 0.1 %", 0.0005, 0.0, 0.001), ("about 1 %", 0.01, 0.005, 0.02),
           ("about 10 %", 0.1, 0.05, 0.2), ("over 50 %", 0.6, 0.5, 1.0))  # fmt: skip


def _setup(size: int) -> float | None:
    """Django on the database of this size; the seconds generate_data took, when it ran now."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    from apps.core.db.ensure import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    from apps.meetings.models import Statement

    call_command("migrate", verbosity=0, interactive=False)
    if Statement.objects.exists():
        return None
    started = time.perf_counter()
    call_command("generate_data", bodies=3, meetings=size // 100, statements=size, seed=20221220, verbosity=0)
    return time.perf_counter() - started


def _timed(run, times: int) -> tuple[list[float], object]:
    durations, result = [], None
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        durations.append((time.perf_counter() - started) * 1000)
    return sorted(durations), result


def _p95(durations: list[float]) -> float:
    return durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]


def _shares(body, total: int) -> dict[str, float]:
    from apps.deliberation.search_plan import statements_containing
    from apps.deliberation.search_scope import SearchScope
    from apps.meetings.models import Statement

    statements = Statement.objects.filter(SearchScope(body=body).statement_filter())
    return {term: statements_containing(statements, term, indexed=False).count() / total for term in CANDIDATES}


def _pick_terms(shares: dict[str, float]) -> list[tuple[str, str, float]]:
    picked = []
    for label, centre, low, high in CLASSES:
        inside = [(abs(share / centre - 1), term) for term, share in shares.items() if low < share <= high]
        if inside:
            term = min(inside)[1]
            picked.append((label, term, shares[term]))
    return picked


def _page_ten(term: str, scope) -> tuple[int, str | None]:
    """Page 10 (or the last page) and the cursor that leads to it, as a reader paging on holds it."""
    from apps.deliberation.search_plan import search_page

    cursor, last_page = None, 1
    for _ in range(9):
        following = search_page(term=term, scope=scope, after=cursor).next_cursor
        if following is None:
            break
        cursor, last_page = following, last_page + 1
    return last_page, cursor


def _measure(body, size: int, label: str, term: str, share: float) -> list[dict]:
    from apps.deliberation.search_plan import search_count, search_page, statements_containing
    from apps.deliberation.search_scope import SearchScope
    from apps.meetings.models import Statement

    scope = SearchScope(body=body)
    scanned = statements_containing(Statement.objects.filter(scope.statement_filter()), term, indexed=False).order_by(
        "-agenda_item__meeting__starts_at", "agenda_item__meeting_id", "agenda_item__order", "order", "id"
    )

    def scan(page: int):  # the same rows as a page of the search, by OFFSET
        rows = scanned.defer("text_normalized").select_related("agenda_item__meeting")
        return [statement.pk for statement in rows[(page - 1) * PAGE : page * PAGE]]

    last_page, cursor = _page_ten(term, scope)
    what = f"'{term}' ({share:.2%} of statements)" if term else "no term (the statement list)"
    rows = []
    for page, after in ((1, None), (last_page, cursor)):
        search_page(term=term, scope=scope, after=after)  # warm, as a steady server would be
        times, found = _timed(lambda after=after: search_page(term=term, scope=scope, after=after), RUNS)
        scan_times, scan_ids = _timed(lambda page=page: scan(page), SCAN_RUNS)
        if [s.pk for s in found.statements] != scan_ids:
            raise AssertionError(f"{what} page {page}: search and scan disagree")
        rows.append({
            "name": f"search @ {size:,}, {label}: {what}, page {page} p95 [{found.strategy}]",
            "value": _p95(times), "unit": "ms", "baseline": _p95(scan_times),
            "ratio": _p95(scan_times) / _p95(times), "target": "< 50 ms" if size >= 1_000_000 else "information",
        })  # fmt: skip
    count_times, count = _timed(lambda: search_count(term=term, scope=scope), RUNS // 3)  # with its strategy
    rows.append({"name": f"search @ {size:,}, {label}: count '{term}' = {count} p95", "value": _p95(count_times),
                 "unit": "ms", "target": "exact to 10,000, then 10,000+"})  # fmt: skip
    return rows


FILTER_RUNS = 20


def _filters(body) -> dict:
    """A scope per filter of the search: a frequent speaker and organization, the newest meeting,
    the first issue, and the meetings of a year."""
    from dataclasses import replace
    from datetime import timedelta

    from django.db.models import Count

    from apps.deliberation.models import Issue
    from apps.deliberation.search_scope import SearchScope
    from apps.directory.models import Organization, Person
    from apps.meetings.models import Meeting, Statement

    def most_frequent(field: str) -> int:
        counted = Statement.objects.exclude(**{field: None}).values(field).annotate(n=Count("id")).order_by("-n")
        return counted[3][field]  # not the chair: a speaker of a few per cent

    newest = Meeting.objects.filter(body__in=body.descendant_ids_subquery()).order_by("-starts_at").first()
    base = SearchScope(body=body)
    return {
        "speaker": replace(base, speaker=Person.objects.get(pk=most_frequent("speaker"))),
        "organization": replace(base, organization=Organization.objects.get(pk=most_frequent("speaker_organization"))),
        "meeting": replace(base, meeting=newest),
        "issue": replace(base, issue=Issue.objects.filter(body=body).order_by("pk").first()),
        "date range": replace(base, starts_from=newest.starts_at - timedelta(days=365), starts_before=newest.starts_at),
    }


def _measure_filtered(size: int, name: str, scope, label: str, term: str) -> list[dict]:
    """First page and page 10 of a filtered search, checked once against the scan."""
    from apps.deliberation.search_plan import search_page, statements_containing
    from apps.meetings.models import Statement

    scanned = Statement.objects.filter(scope.statement_filter()).order_by(
        "-agenda_item__meeting__starts_at", "agenda_item__meeting_id", "agenda_item__order", "order", "id"
    )
    if term:
        scanned = statements_containing(scanned, term, indexed=False)
    last_page, cursor = _page_ten(term, scope)
    what = f"{label}: '{term}'" if term else "no term"
    rows = []
    for page, after in ((1, None), (last_page, cursor))[: 2 if last_page > 1 else 1]:
        times, found = _timed(lambda after=after: search_page(term=term, scope=scope, after=after), FILTER_RUNS)
        expected = [s.pk for s in scanned.defer("text_normalized")[(page - 1) * PAGE : page * PAGE]]
        if [s.pk for s in found.statements] != expected:
            raise AssertionError(f"{name} {what} page {page}: search and scan disagree")
        rows.append({
            "name": f"search @ {size:,}, by {name}: {what}, page {page} p95 [{found.strategy}]",
            "value": _p95(times), "unit": "ms", "target": "< 50 ms" if size >= 1_000_000 else "information",
        })  # fmt: skip
    return rows


def main(size: int) -> list[dict]:
    generated = _setup(size)
    from django.db import connection

    from apps.deliberation import search_sql
    from apps.directory.models import Body
    from apps.meetings.models import Statement

    body = Body.objects.filter(parent__isnull=True).order_by("pk").first()
    total = Statement.objects.count()
    rows: list[dict] = [{"name": f"search @ {size:,}: statements in one body tree", "value": total, "unit": "rows"}]
    if generated is not None:
        rows.append({"name": f"search @ {size:,}: generate_data (COPY, then the index)", "value": generated,
                     "unit": "s", "target": "< 600 s" if size >= 1_000_000 else "information"})  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(current_database()), pg_total_relation_size('meetings_statement'),"
            " pg_relation_size(%s)",
            [search_sql.INDEX_NAME],
        )
        database, table, index = cursor.fetchone()
    for name, value in (("database", database), ("statements table with its indexes", table), ("bigram index", index)):
        rows.append({"name": f"search @ {size:,}: size of the {name}", "value": value / 2**20, "unit": "MiB"})
    shares = _shares(body, total)
    picked = [("list", "", 1.0), *_pick_terms(shares)]
    for label, term, share in picked:
        rows += _measure(body, size, label, term, share)
    for name, scope in _filters(body).items():
        for label, term, _share in picked:
            rows += _measure_filtered(size, name, scope, label, term)
    return rows


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
