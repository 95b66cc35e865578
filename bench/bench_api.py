"""API speed on 10,000 statements: the statements list at page size 100, serialised by the API,
against a baseline view in the same run that returns the same page (count and the same fields)
with .values() and a plain JsonResponse; target: at least half the baseline's throughput.
Also p50/p95 latency of the list, a meeting detail and a body's stakeholder matrix.

Both go through the whole Django stack (middleware, URL resolution) with the test Client,
in-process, one request at a time. The data are generated inside a transaction that is
rolled back, so every run measures the same database; a writing token scoped to the
generated bodies sees exactly their 10,000 statements.
"""

import time

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.http import JsonResponse
from django.test import Client, override_settings
from django.urls import path

from apps.api.models import DashboardToken
from apps.directory.models import Body
from apps.meetings.models import Meeting, Statement

STATEMENTS = 10_000
PAGE_SIZE = 100
PAGES = 20  # the pages cycled through, so that not one page is cached anywhere
REQUESTS = 200
FIELDS = [
    "id",
    "agenda_item",
    "order",
    "speaker",
    "speaker_organization",
    "speaker_label",
    "kind",
    "text",
    "reply_to",
    "version",
    "created",
    "modified",
]
SCOPE: dict[str, list[int]] = {"body_ids": []}


def baseline_statements(request):
    """The same page as /api/v1/statements/ without DRF: .values() and a JsonResponse."""
    page = int(request.GET.get("page", "1"))
    statements = Statement.objects.filter(agenda_item__meeting__body_id__in=SCOPE["body_ids"])
    rows = list(
        statements.order_by("agenda_item__meeting_id", "agenda_item__order", "order", "id").values(
            *FIELDS, meeting=F("agenda_item__meeting_id")
        )[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    )
    return JsonResponse({"count": statements.count(), "results": rows})


def _urlpatterns():
    from config.urls import urlpatterns

    return [path("bench/baseline/statements/", baseline_statements), *urlpatterns]


urlpatterns: list = []


class _Rollback(Exception):
    pass


def _timings(client: Client, urls: list[str], headers: dict) -> list[float]:
    timings = []
    for index in range(REQUESTS):
        url = urls[index % len(urls)]
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code} {response.content[:200]!r}")
    return timings


def _percentile(timings: list[float], fraction: float) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def _measure() -> list[dict]:
    first_new_body = (Body.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    call_command("generate_data", bodies=3, meetings=60, statements=STATEMENTS, seed=7, verbosity=0)
    bodies = list(Body.objects.filter(pk__gte=first_new_body))
    SCOPE["body_ids"] = [body.pk for body in bodies]
    count = Statement.objects.filter(agenda_item__meeting__body_id__in=SCOPE["body_ids"]).count()
    assert count == STATEMENTS, count
    root = next(body for body in bodies if body.parent_id is None or body.parent_id < first_new_body)
    # Issued by an administrator: a token reaches only what its issuer runs.
    issuer = User.objects.filter(is_superuser=True, is_active=True).first() or User.objects.create_superuser(
        "bench-admin", "bench-admin@example.jp", None
    )
    token = DashboardToken(name="bench", can_write=True, created_by=issuer)
    raw = token.set_new_key()
    token.save()
    token.bodies.set([root])
    headers = {"Authorization": f"Token {raw}"}
    meeting = Meeting.objects.filter(body=root).order_by("pk").first()  # with attendance and agenda

    client = Client()
    api_urls = [f"/api/v1/statements/?page_size={PAGE_SIZE}&page={page}" for page in range(1, PAGES + 1)]
    baseline_urls = [f"/bench/baseline/statements/?page={page}" for page in range(1, PAGES + 1)]
    # Same page, same rows: the baseline returns what the API returns.
    api_page = client.get(api_urls[3], headers=headers).json()
    baseline_page = client.get(baseline_urls[3]).json()
    assert [row["id"] for row in api_page["results"]] == [row["id"] for row in baseline_page["results"]]
    assert api_page["count"] == baseline_page["count"] == STATEMENTS

    # Warm up both, then alternate blocks so that machine noise hits both alike.
    _timings(client, api_urls, headers)
    _timings(client, baseline_urls, {})
    api, baseline = [], []
    for _ in range(3):
        api += _timings(client, api_urls, headers)
        baseline += _timings(client, baseline_urls, {})
    detail = _timings(client, [f"/api/v1/meetings/{meeting.pk}/"], headers)
    matrix = _timings(client, [f"/api/v1/aggregates/stakeholder-matrix/?body={root.pk}"], headers)

    api_rate = len(api) / sum(api)
    baseline_rate = len(baseline) / sum(baseline)
    return [
        {
            "name": "api: statements list (page 100 of 10,000) throughput",
            "value": api_rate,
            "unit": "req/s",
            "baseline": baseline_rate,
            "ratio": api_rate / baseline_rate,
            "target": "ratio >= 0.5",
        },
        {"name": "api: statements list p50", "value": _percentile(api, 0.5), "unit": "ms"},
        {"name": "api: statements list p95", "value": _percentile(api, 0.95), "unit": "ms"},
        {"name": "api: baseline .values() list p50", "value": _percentile(baseline, 0.5), "unit": "ms"},
        {"name": "api: baseline .values() list p95", "value": _percentile(baseline, 0.95), "unit": "ms"},
        {"name": "api: meeting detail p50", "value": _percentile(detail, 0.5), "unit": "ms"},
        {"name": "api: meeting detail p95", "value": _percentile(detail, 0.95), "unit": "ms"},
        {"name": "api: stakeholder matrix p50", "value": _percentile(matrix, 0.5), "unit": "ms"},
        {"name": "api: stakeholder matrix p95", "value": _percentile(matrix, 0.95), "unit": "ms"},
    ]


def run() -> list[dict]:
    global urlpatterns
    urlpatterns = _urlpatterns()
    results: list[dict] = []
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], API_THROTTLE_RATE="1000000/min"):
        try:
            with transaction.atomic():
                results = _measure()
                raise _Rollback
        except _Rollback:
            pass
    return results
