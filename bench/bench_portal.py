"""Portal and minutes workflow: the price of the model-layer guards, and the record page.

- Saving a statement goes through two guards (the freeze of published minutes and the
  optimistic version lock). Baseline in the same run: the same saves with the guards
  disconnected. Target: at most 2.5× a plain save.
- The meeting record page of the reference meeting, through the whole Django stack (test
  Client): median time and the number of queries, which does not depend on the record's size.

Everything runs inside transactions that are rolled back.
"""

import statistics
import time
from pathlib import Path

from django.db import connection, transaction
from django.db.models.signals import pre_save
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from apps.core import locking
from apps.directory.models import Body
from apps.importer.services import minutes_file_import
from apps.meetings.models import AgendaItem, Meeting, Statement
from apps.minutes import guards
from apps.minutes.models import Minutes

REFERENCE = Path(__file__).resolve().parents[1] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
BODY = "ベンチマーク用ポータル検討会"
STATEMENTS = 200


class _Rollback(Exception):
    pass


def _rolled_back(function):
    result = None
    try:
        with transaction.atomic():
            result = function()
            raise _Rollback
    except _Rollback:
        pass
    return result


def _save_all_ms(statements: list[Statement]) -> float:
    started = time.perf_counter()
    for statement in statements:
        statement.text += "。"
        statement.save()
    return (time.perf_counter() - started) * 1000 / len(statements)


def _guard_overhead() -> tuple[float, float]:
    def measure():
        body = Body.objects.create(name=BODY)
        meeting = Meeting.objects.create(body=body, number=1, title="x", starts_at="2022-12-20T15:00+09:00")
        Minutes.objects.create(meeting=meeting)
        item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
        statements = [
            Statement.objects.create(agenda_item=item, order=n, speaker_label="藤井構成員", text="発言")
            for n in range(STATEMENTS)
        ]
        guarded = _save_all_ms(statements)
        pre_save.disconnect(guards.refuse_frozen_save, sender=Statement, dispatch_uid="freeze-save-Statement")
        version_lock = f"version-lock-{Statement._meta.label}"
        pre_save.disconnect(locking.check_version, sender=Statement, dispatch_uid=version_lock)
        try:
            plain = _save_all_ms(statements)
        finally:
            guards.connect()
            locking.lock_versions(Statement)
        return guarded, plain

    runs = [_rolled_back(measure) for _ in range(3)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _record_page() -> tuple[float, int]:
    def measure():
        meeting = minutes_file_import(path=REFERENCE, body_name=BODY)
        Minutes.objects.update_or_create(
            meeting=meeting, defaults={"status": "published", "published_at": meeting.starts_at}
        )
        client = Client()
        url = f"/meetings/{meeting.pk}/"
        assert client.get(url).status_code == 200
        timings = []
        for _ in range(15):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return statistics.median(timings), len(queries)

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        return _rolled_back(measure)


def run() -> list[dict]:
    guarded, plain = _guard_overhead()
    page_ms, page_queries = _record_page()
    return [
        {
            "name": "minutes: statement save with freeze + version guards",
            "value": guarded,
            "unit": "ms/save",
            "baseline": plain,
            "ratio": guarded / plain if plain else None,
            "target": "≤ 2.5× a save without the guards",
        },
        {
            "name": "portal: reference meeting record page",
            "value": page_ms,
            "unit": "ms",
            "target": "< 300 ms",
        },
        {
            "name": "portal: reference meeting record page queries",
            "value": float(page_queries),
            "unit": "queries",
            "target": "fixed (pinned in tests/portal/test_query_counts.py)",
        },
    ]
