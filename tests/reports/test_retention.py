"""Retention: superseded, failed and old documents go with their files; the latest and the rendering stay."""

import datetime as dt
import io
import os
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from apps.api.models import Tombstone
from apps.meetings.models import Meeting
from apps.reports import retention, tasks
from apps.reports.models import GeneratedDocument
from apps.reports.retention import documents_prune
from apps.reports.services import document_file_name, document_render, document_request

pytestmark = pytest.mark.django_db

REPORT = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
Status = GeneratedDocument.Status


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_RETENTION_DAYS = 30


def _document(subject, *, status: str = Status.DONE, days_ago: float = 0) -> GeneratedDocument:
    """A document row, requested `days_ago`, with a file on disk if it is done."""
    document = GeneratedDocument.objects.create(
        kind=REPORT, subject=subject, content_hash=uuid.uuid4().hex * 2, status=status
    )
    file = (
        default_storage.save(document_file_name(document), ContentFile(b"%PDF-1.7\n")) if status == Status.DONE else ""
    )
    GeneratedDocument.objects.filter(pk=document.pk).update(
        file=file, created=timezone.now() - dt.timedelta(days=days_ago)
    )
    document.refresh_from_db()
    return document


def _on_disk(document: GeneratedDocument) -> bool:
    return Path(default_storage.path(document.file.name)).is_file()


def _remaining() -> set[int]:
    return set(GeneratedDocument.objects.values_list("pk", flat=True))


@pytest.fixture
def prune(django_capture_on_commit_callbacks):
    """documents_prune as the beat task runs it: the files go once the rows' deletion commits."""

    def run(**kwargs) -> dict[str, int]:
        with django_capture_on_commit_callbacks(execute=True):
            return documents_prune(**kwargs)

    return run


def test_superseded_and_failed_documents_go_with_their_files_and_the_latest_stays(personas, prune):
    superseded = _document(personas.study_group, days_ago=3)
    failed = _document(personas.study_group, status=Status.FAILED, days_ago=2)
    latest = _document(personas.study_group, days_ago=1)
    alone = _document(personas.working_party, days_ago=400)  # old, but the latest of its body
    assert prune() == {"documents": 2, "orphan_files": 0}
    assert _remaining() == {latest.pk, alone.pk}
    assert not _on_disk(superseded)
    assert _on_disk(latest) and _on_disk(alone)
    # Documents are synced through the API: their deletion is reported.
    assert set(Tombstone.objects.filter(resource="documents").values_list("object_id", flat=True)) == {
        superseded.pk,
        failed.pk,
    }
    assert prune() == {"documents": 0, "orphan_files": 0}


def test_documents_go_in_batches_without_loading_their_inputs(
    personas, prune, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(retention, "BATCH", 2)
    superseded = [_document(personas.study_group, days_ago=days) for days in range(7, 2, -1)]
    latest = _document(personas.study_group)
    with django_assert_max_num_queries(50) as captured:
        assert prune() == {"documents": 5, "orphan_files": 0}
    assert _remaining() == {latest.pk}
    assert not any(_on_disk(document) for document in superseded)
    assert not any('"inputs"' in query["sql"] for query in captured.captured_queries)


def test_the_latest_document_stays_even_when_it_failed(personas, prune):
    done = _document(personas.study_group, days_ago=2)
    failed = _document(personas.study_group, status=Status.FAILED, days_ago=1)
    prune()
    assert _remaining() == {done.pk, failed.pk}  # the file that works stays too: nothing newer is done


def test_nothing_being_rendered_goes_and_the_last_good_file_waits_for_its_successor(personas, prune):
    good = _document(personas.study_group, days_ago=3)
    stuck = _document(personas.study_group, status=Status.QUEUED, days_ago=100)  # old, not the latest
    running = _document(personas.study_group, status=Status.RUNNING, days_ago=1)
    queued = _document(personas.study_group, status=Status.QUEUED)
    prune()
    assert _remaining() == {good.pk, stuck.pk, running.pk, queued.pk} and _on_disk(good)

    GeneratedDocument.objects.filter(pk=running.pk).update(status=Status.DONE)
    prune()
    assert _remaining() == {stuck.pk, running.pk, queued.pk}
    assert not _on_disk(good)


def test_documents_older_than_the_retention_period_go(personas, settings, prune):
    ten_days_old = _document(personas.study_group, days_ago=10)
    latest = _document(personas.study_group, status=Status.FAILED)
    prune()
    assert ten_days_old.pk in _remaining()
    settings.REPORTS_RETENTION_DAYS = 7
    prune()
    assert _remaining() == {latest.pk}
    assert not _on_disk(ten_days_old)


def test_files_no_document_points_at_go_once_an_hour_old(personas, prune):
    kept = _document(personas.study_group, days_ago=1)
    two_hours_ago = (timezone.now() - dt.timedelta(hours=2)).timestamp()
    directory = Path(default_storage.path("documents/progress_report_pdf"))
    orphan, partial, fresh = directory / "0123.pdf", directory / ".tmpxyz.part", directory / "4567.pdf"
    for path in (orphan, partial, fresh):
        path.write_bytes(b"%PDF-")
    for path in (orphan, partial, Path(default_storage.path(kept.file.name))):
        os.utime(path, (two_hours_ago, two_hours_ago))
    assert prune() == {"documents": 0, "orphan_files": 2}
    assert not orphan.exists() and not partial.exists()
    assert fresh.exists() and _on_disk(kept)


def test_the_command_lists_with_dry_run_and_removes_without(personas, django_capture_on_commit_callbacks):
    old = _document(personas.study_group, days_ago=10)
    latest = _document(personas.study_group, status=Status.FAILED)
    listed = io.StringIO()
    call_command("prune_documents", "--days", "7", "--dry-run", stdout=listed)
    assert listed.getvalue().split("\t")[0] == str(old.pk)
    assert _remaining() == {old.pk, latest.pk}
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_documents", "--days", "7", stdout=out)
    assert out.getvalue().strip() == "Removed 1 documents and 0 orphan files."
    assert _remaining() == {latest.pk} and not _on_disk(old)


def test_the_beat_schedule_prunes_every_hour(settings, personas, django_capture_on_commit_callbacks):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["prune-documents"]
    assert entry == {"task": "apps.reports.tasks.prune_documents", "schedule": 3600.0}
    assert entry["task"] in app.tasks
    superseded = _document(personas.study_group, days_ago=1)
    _document(personas.study_group)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.prune_documents.apply().get() == {"documents": 1, "orphan_files": 0}
    assert not _on_disk(superseded)


def test_a_rendered_minutes_pdf_superseded_by_a_newer_rendering_goes(reference_meeting, prune):
    first = document_render(document_id=document_request(kind="minutes_pdf", subject=reference_meeting, by=None).pk)
    Meeting.objects.filter(pk=reference_meeting.pk).update(venue="総務省第1特別会議室")
    second = document_render(document_id=document_request(kind="minutes_pdf", subject=reference_meeting, by=None).pk)
    assert first.pk != second.pk and _on_disk(first) and _on_disk(second)
    assert prune() == {"documents": 1, "orphan_files": 0}
    assert _remaining() == {second.pk}
    assert not _on_disk(first) and _on_disk(second)
