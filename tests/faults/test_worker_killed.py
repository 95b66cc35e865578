"""A worker SIGKILLed in the middle of a render: the job is delivered again and done once."""

from pathlib import Path

import pytest

from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request
from tests.faults.conftest import wait_until
from tests.reports.reference import build_reference_meeting

pytestmark = pytest.mark.worker

Status = GeneratedDocument.Status

# Production keeps these at 600 s and 30 s; the test shortens them so that it runs in
# well under the two minutes the job is allowed to take to come back.
FAST_RECOVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "10",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    "REPORTS_STALE_AFTER_SECONDS": "12",
}


def test_a_render_interrupted_by_sigkill_is_redelivered_and_finishes_exactly_once(
    workers, personas, settings, tmp_path
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    env = {**FAST_RECOVERY, "TEST_MEDIA_ROOT": str(media)}
    meeting = build_reference_meeting(personas.study_group)
    doomed = workers.start(**env)

    document = document_request(kind=GeneratedDocument.Kind.MINUTES_PDF, subject=meeting, by=personas.secretariat)

    def status() -> str:
        return GeneratedDocument.objects.values_list("status", flat=True).get(pk=document.pk)

    wait_until(lambda: status() == Status.RUNNING, timeout=60, interval=0.01, what="the render to start")
    doomed.kill()
    assert status() == Status.RUNNING  # the dead worker left the job half-done

    workers.start(**env)
    wait_until(lambda: status() in {Status.DONE, Status.FAILED}, timeout=120, interval=0.2, what="the redelivered job")

    rows = GeneratedDocument.objects.filter(subject_id=meeting.pk)
    assert rows.count() == 1
    done = rows.get()
    assert done.status == Status.DONE and done.progress == 100 and done.error == ""
    assert done.attempts == 2  # the killed attempt and the one that finished
    files = sorted(path.relative_to(media) for path in media.rglob("*") if path.is_file())
    assert files == [Path(done.file.name)], files  # one PDF, no partial file left behind
    assert (media / done.file.name).read_bytes().startswith(b"%PDF-")
