"""Statement search at 200,000 statements (and 1,000,000 on request), and the stakeholder matrix at 100 × 20.

Search: bench/search_measure.py in a child process per size, each on a database of its own
(SEARCH_BENCH_DATABASE_URL with the size appended, default shingi_bench_search_200k): first
page and page 10 by keyset for a term of each frequency class, against the substring scan in
the same run. The million-statement run takes about ten minutes to generate its data on a
quiet machine and is not part of `make bench` unless asked for:

    BENCH_SEARCH_1M=1 python bench/run.py search

Matrix: a body with 100 issues × 20 organizations × 2 meetings of positions; the query count
is what a test pins (tests/deliberation/test_matrix.py), the time is for information.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.deliberation.models import Issue, Position
from apps.deliberation.selectors import stakeholder_matrix
from apps.directory.models import Body, Organization
from apps.meetings.models import Meeting

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shingi_bench_search"
MATRIX_BODY = "ベンチマーク用ステークホルダー検討会"
TOKYO = ZoneInfo("Asia/Tokyo")


def _search_rows(size: int) -> list[dict]:
    base = os.environ.get("SEARCH_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    suffix = f"_{size // 1000}k" if size < 1_000_000 else f"_{size // 1_000_000}m"
    env = {**os.environ, "DATABASE_URL": base + suffix, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    child = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "bench" / "search_measure.py"), str(size)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        timeout=3600,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _timed(run, times: int) -> tuple[list[float], list]:
    durations: list[float] = []
    result: list = []
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        durations.append((time.perf_counter() - started) * 1000)
    return sorted(durations), result


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
    rows = _search_rows(200_000)
    if os.environ.get("BENCH_SEARCH_1M") == "1":
        rows += _search_rows(1_000_000)
    return rows + _matrix_rows()
