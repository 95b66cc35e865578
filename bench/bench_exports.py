"""Open records of the reference meeting: each format through the whole Django stack (test Client).

Target: each export under 300 ms. Baseline in the same run: the meeting's HTML record page,
which reads the same record; the ratio says what a format costs beyond reading it. The public
version of an anonymised meeting is measured too (its names are rewritten on every request).
Everything runs inside a transaction that is rolled back.
"""

import statistics
import time
from pathlib import Path

from django.db import transaction
from django.test import Client, override_settings

from apps.importer.services import minutes_file_import
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes

REFERENCE = Path(__file__).resolve().parents[1] / "apps" / "core" / "demo" / "roaming-6th-minutes.txt"
BODY = "ベンチマーク用公開形式検討会"
RUNS = 15


class _Rollback(Exception):
    pass


def _median_ms(client: Client, url: str) -> float:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _measure() -> list[dict]:
    meeting = minutes_file_import(path=REFERENCE, body_name=BODY)
    pk, body = meeting.pk, meeting.body_id
    urls = {
        "Akoma Ntoso (akn.xml)": f"/meetings/{pk}/akn.xml",
        "Word (minutes.docx)": f"/meetings/{pk}/minutes.docx",
        "statements .xlsx": f"/api/v1/exports/statements/?meeting={pk}&format=xlsx",
        "statements .csv": f"/api/v1/exports/statements/?meeting={pk}&format=csv",
        "attendance .xlsx": f"/api/v1/exports/attendance/?meeting={pk}&format=xlsx",
        "issue register .xlsx": f"/api/v1/exports/issues/?body={body}&format=xlsx",
        "stakeholder matrix .xlsx": f"/api/v1/exports/matrix/?body={body}&format=xlsx",
        "calendar (meetings.ics)": f"/bodies/{body}/meetings.ics",
        "Atom feed of the body": f"/bodies/{body}/feed.atom",
    }
    Meeting.objects.filter(pk=pk).update(public_speaker_naming=Meeting.SpeakerNaming.CATEGORY)
    Minutes.objects.update_or_create(
        meeting=meeting, defaults={"status": "published", "published_at": meeting.starts_at}
    )
    client = Client()
    page = _median_ms(client, f"/meetings/{pk}/")
    rows = [{"name": "exports: baseline, the meeting's HTML record page (public version)", "value": page, "unit": "ms"}]
    for label, url in urls.items():
        value = _median_ms(client, url)
        rows.append(
            {
                "name": f"exports: {label}, reference meeting, public version",
                "value": value,
                "unit": "ms",
                "baseline": page,
                "target": "< 300 ms",
            }
        )
    return rows


def run() -> list[dict]:
    rows: list[dict] = []
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        try:
            with transaction.atomic():
                rows = _measure()
                raise _Rollback
        except _Rollback:
            pass
    return rows
