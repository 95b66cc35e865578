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

REFERENCE = Path(__file__).resolve().parents[1] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
BODY = "ベンチマーク用公開形式検討会"
RUNS = 15


class _Rollback(Exception):
    pass


def _median_ms(client: Client, url: str) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the web side; PostgreSQL's share
    is in the wall time only), in ms: CPU time is steadier on a shared machine."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    wall, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


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
    page, page_cpu = _median_ms(client, f"/meetings/{pk}/")
    rows = [
        {"name": "exports: baseline, the meeting's HTML record page (public version)", "value": page, "unit": "ms"},
        {"name": "exports: baseline, the HTML record page, CPU time", "value": page_cpu, "unit": "ms"},
    ]
    for label, url in urls.items():
        wall, cpu = _median_ms(client, url)
        name = f"exports: {label}, reference meeting, public version"
        rows.append({"name": name, "value": wall, "unit": "ms", "baseline": page, "target": "< 300 ms"})
        rows.append({"name": f"{name}, CPU time", "value": cpu, "unit": "ms", "baseline": page_cpu})
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
