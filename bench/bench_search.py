"""Statement search on a body of 200,000 statements, and the stakeholder matrix at 100 × 20.

Search: the complete result set (ids, in the search order) of a 2-character and a 5-character
term through the bigram GIN index, against the same search as a plain substring scan
(`indexed=False`: LIKE, which PostgreSQL runs in parallel) in the same run; both must equal a
substring scan in Python. The terms are topic words of the reference minutes; each row says
what share of the statements it matches, because that share, not the size of the body, is
what an indexed search costs: every match is a heap visit (and, for a longer term, a
recheck). 座長 (about 1.4 % here) and 料金 (a common word) are reported without a target, to
show where the ratio goes as terms get commoner.

Matrix: a body with 100 issues × 20 organizations × 2 meetings of positions; the query count
is what a test pins (tests/deliberation/test_matrix.py), the time is for information.
"""

import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from apps.deliberation import search_sql
from apps.deliberation.models import Issue, Position
from apps.deliberation.ngrams import search_form
from apps.deliberation.search import statement_search
from apps.deliberation.selectors import stakeholder_matrix
from apps.directory.models import Body, Organization
from apps.meetings.models import Meeting, Statement

STATEMENTS = 200_000
TERMS = {"2-char": "輻輳", "5-char": "緊急通報受"}
INFORMATION_TERMS = {"2-char, commoner": "座長", "common": "料金"}
RUNS = 200  # enough for the p95 to be the 95th percentile, not the slowest run but one
SCAN_RUNS = 20
MATRIX_BODY = "ベンチマーク用ステークホルダー検討会"
TOKYO = ZoneInfo("Asia/Tokyo")


def _statement_count(body: Body) -> int:
    return Statement.objects.filter(agenda_item__meeting__body_id__in=body.descendant_ids()).count()


def _search_body() -> Body:
    """A study group holding 200,000 statements: reused if the bench database has one, else generated."""
    candidates = (
        Body.objects.filter(parent__isnull=True)
        .annotate(meetings_count=Count("meetings"))
        .filter(meetings_count__gte=100)
        .order_by("pk")
    )
    for body in candidates:
        if _statement_count(body) >= STATEMENTS:
            return body
    known = set(Body.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        # Building a GIN index once is much faster than maintaining it row by row during a bulk load.
        cursor.execute(search_sql.DROP_INDEX)
        try:
            call_command("generate_data", bodies=1, meetings=200, statements=STATEMENTS, seed=20221220, verbosity=0)
        finally:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            cursor.execute(search_sql.CREATE_INDEX)
            cursor.execute("RESET maintenance_work_mem")
        cursor.execute("VACUUM ANALYZE")
    return Body.objects.exclude(pk__in=known).get(parent__isnull=True)


def _timed(run, times: int) -> tuple[list[float], list]:
    durations: list[float] = []
    result: list = []
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        durations.append((time.perf_counter() - started) * 1000)
    return sorted(durations), result


def _p95(durations: list[float]) -> float:
    return durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]


def _search_texts(body: Body) -> dict[int, str]:
    """Every statement of the body in search form, for checking results against Python's `in`."""
    texts = Statement.objects.filter(agenda_item__meeting__body_id__in=body.descendant_ids()).values_list("id", "text")
    return {pk: search_form(text) for pk, text in texts.iterator(chunk_size=10_000)}


def _search_rows(body: Body, texts: dict[int, str], label: str, term: str, target: bool) -> list[dict]:
    def indexed() -> list[int]:
        return list(statement_search(term=term, body=body).values_list("id", flat=True))

    def scanned() -> list[int]:
        return list(statement_search(term=term, body=body, indexed=False).values_list("id", flat=True))

    indexed()  # warm the cache as a steady-state server would have it
    index_times, index_ids = _timed(indexed, RUNS if target else RUNS // 10)
    scan_times, scan_ids = _timed(scanned, SCAN_RUNS)
    needle = search_form(term)
    if index_ids != scan_ids or set(index_ids) != {pk for pk, text in texts.items() if needle in text}:
        raise AssertionError(f"search for {term}: index, scan and Python disagree")
    share = f"{len(index_ids):,} matches, {len(index_ids) / len(texts):.2%} of statements, same as scan"
    median_index, median_scan = statistics.median(index_times), statistics.median(scan_times)
    return [
        {
            "name": f"search {label} {term} p95 ({share})",
            "value": _p95(index_times),
            "unit": "ms",
            "baseline": _p95(scan_times),
            "ratio": _p95(scan_times) / _p95(index_times),
            "target": "< 50 ms, ratio ≥ 20" if target else "information",
        },
        {
            "name": f"search {label} {term} median index vs scan",
            "value": median_index,
            "unit": "ms",
            "baseline": median_scan,
            "ratio": median_scan / median_index,
            "target": "ratio ≥ 20" if target else "information",
        },
    ]


def _matrix_body() -> Body:
    """100 issues × 20 organizations, each with a position in two meetings."""
    body = Body.objects.filter(name=MATRIX_BODY).first()
    if body is not None:
        return body
    with transaction.atomic():
        body = Body.objects.create(name=MATRIX_BODY)
        start = datetime(2023, 1, 10, 15, tzinfo=TOKYO)
        meetings = [
            Meeting.objects.create(body=body, number=n, title=f"第{n}回", starts_at=start + timedelta(days=30 * n))
            for n in (1, 2)
        ]
        organizations = [
            Organization.objects.get_or_create(name=f"ベンチマーク事業者{n:02d}", defaults={"kind": "operator"})[0]
            for n in range(20)
        ]
        issues = Issue.objects.bulk_create(
            Issue(body=body, code=f"I-{n:03d}", number=n, title=f"検討課題{n}") for n in range(1, 101)
        )
        stances = [choice for choice, _ in Position.Stance.choices]
        Position.objects.bulk_create(
            Position(issue=issue, organization=org, meeting=meeting, stance=stances[(i + j + k) % len(stances)])
            for i, issue in enumerate(issues)
            for j, org in enumerate(organizations)
            for k, meeting in enumerate(meetings)
        )
    return body


def _matrix_rows() -> list[dict]:
    body = _matrix_body()
    stakeholder_matrix(body=body)
    with CaptureQueriesContext(connection) as queries:
        matrix = stakeholder_matrix(body=body)
        filled = sum(1 for _, cells in matrix.rows() for cell in cells if cell is not None)
    if (len(matrix.issues), len(matrix.organizations), filled) != (100, 20, 2000):
        raise AssertionError("stakeholder matrix: expected 100 × 20 filled cells")
    durations, _ = _timed(lambda: stakeholder_matrix(body=body).rows(), 10)
    return [
        {"name": "stakeholder matrix 100 issues × 20 orgs: queries", "value": len(queries), "unit": "queries",
         "target": "fixed (2, pinned in tests)"},
        {"name": "stakeholder matrix 100 issues × 20 orgs: median", "value": statistics.median(durations),
         "unit": "ms", "target": "information"},
    ]  # fmt: skip


def run() -> list[dict]:
    body = _search_body()
    rows = [{"name": "search body: statements", "value": _statement_count(body), "unit": "rows", "target": "200000"}]
    texts = _search_texts(body)
    for label, term in TERMS.items():
        rows += _search_rows(body, texts, label, term, target=True)
    for label, term in INFORMATION_TERMS.items():
        rows += _search_rows(body, texts, label, term, target=False)
    return rows + _matrix_rows()
