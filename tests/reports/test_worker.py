"""A real Celery worker renders the minutes: queued → running → done, and the same inputs reuse it."""

import threading
import time

import pytest
import redis
from django.db import connection

from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request
from tests.faults.conftest import broker_url, workers  # noqa: F401 - fixtures

from .reference import build_reference_meeting

Status = GeneratedDocument.Status


def _watch(document_id: int, seen: list[tuple[str, int]]) -> None:
    """Record every (status, progress) the row goes through until it is done or failed."""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            row = GeneratedDocument.objects.values_list("status", "progress").get(pk=document_id)
            if seen[-1] != row:
                seen.append(row)
            if row[0] in {Status.DONE, Status.FAILED}:
                return
            time.sleep(0.005)
    finally:
        connection.close()


@pytest.mark.worker
def test_a_worker_renders_the_minutes_and_a_second_request_reuses_them(
    workers,  # noqa: F811
    personas,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = build_reference_meeting(personas.study_group)
    # Committed at once (no transaction around the test): the task goes to Redis right away.
    document = document_request(kind=GeneratedDocument.Kind.MINUTES_PDF, subject=meeting, by=personas.secretariat)
    document.refresh_from_db()
    assert document.status == Status.QUEUED  # no worker yet

    seen: list[tuple[str, int]] = [(document.status, document.progress)]
    watcher = threading.Thread(target=_watch, args=(document.pk, seen), daemon=True)
    watcher.start()  # from before the worker starts: it may finish while start() waits for its ping
    workers.start(TEST_MEDIA_ROOT=str(settings.MEDIA_ROOT))
    watcher.join(timeout=60)
    assert not watcher.is_alive(), f"not rendered within a minute: {seen}"
    statuses = [status for status, _progress in seen]
    assert statuses[0] == Status.QUEUED and statuses[-1] == Status.DONE, seen
    assert Status.RUNNING in statuses, seen
    assert any(status == Status.RUNNING and 0 < progress < 100 for status, progress in seen), seen

    document.refresh_from_db()
    assert document.attempts == 1 and document.file.name.endswith(f"{document.content_hash}.pdf")
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"

    again = document_request(kind=GeneratedDocument.Kind.MINUTES_PDF, subject=meeting, by=personas.member)
    assert again.pk == document.pk and again.status == Status.DONE
    time.sleep(1)  # had anything been sent, the idle worker would have taken it by now
    assert redis.Redis.from_url(workers.broker_url).llen("celery") == 0
    document.refresh_from_db()
    assert document.attempts == 1
    assert GeneratedDocument.objects.count() == 1
