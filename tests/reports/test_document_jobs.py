"""GeneratedDocument as a job: claimed once, safe to run twice, failures told apart from crashes."""

import datetime as dt
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.core.tasks import ExpectedTaskFailure
from apps.minutes.models import Minutes
from apps.reports import rendering, services
from apps.reports.models import GeneratedDocument
from apps.reports.services import DocumentBusy, document_render, document_request

pytestmark = pytest.mark.django_db

MINUTES = GeneratedDocument.Kind.MINUTES_PDF
Status = GeneratedDocument.Status


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def queued(reference_meeting) -> GeneratedDocument:
    """A requested document whose task has not run (the transaction has not committed)."""
    return document_request(kind=MINUTES, subject=reference_meeting, by=None)


def test_a_request_is_queued_until_the_transaction_commits(queued):
    assert queued.status == Status.QUEUED and queued.progress == 0
    assert queued.inputs["title"].endswith("（第６回）")


def test_running_the_task_twice_renders_once(queued):
    done = document_render(document_id=queued.pk)
    assert done.status == Status.DONE and done.progress == 100 and done.attempts == 1
    assert done.started_at <= done.finished_at
    path = done.file.path
    modified = os.stat(path).st_mtime
    again = document_render(document_id=queued.pk)
    assert again.attempts == 1 and again.file.name == done.file.name
    assert os.stat(path).st_mtime == modified
    with done.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_job_held_by_a_live_worker_is_left_alone(queued):
    GeneratedDocument.objects.filter(pk=queued.pk).update(status=Status.RUNNING, heartbeat_at=timezone.now())
    with pytest.raises(DocumentBusy):
        document_render(document_id=queued.pk)
    queued.refresh_from_db()
    assert queued.status == Status.RUNNING and queued.attempts == 0


def test_a_job_whose_worker_died_is_claimed_again(queued):
    silent_since = timezone.now() - services.STALE_AFTER - dt.timedelta(seconds=1)
    GeneratedDocument.objects.filter(pk=queued.pk).update(
        status=Status.RUNNING, heartbeat_at=silent_since, progress=30, attempts=1
    )
    assert services.documents_requeue_stale() == 1
    done = document_render(document_id=queued.pk)
    assert done.status == Status.DONE and done.attempts == 2


def test_a_late_finish_of_a_reclaimed_attempt_changes_nothing(queued):
    job = services._Job(queued.pk, attempt=1)
    document_render(document_id=queued.pk)  # attempt 1 finishes
    GeneratedDocument.objects.filter(pk=queued.pk).update(status=Status.RUNNING, attempts=2)
    job.fail("too late")
    queued.refresh_from_db()
    assert queued.status == Status.RUNNING and queued.error == ""


def test_an_expected_failure_is_recorded_with_its_message(queued, monkeypatch):
    monkeypatch.setattr(rendering, "FONT_PATH", "reports/fonts/missing.ttf")
    with pytest.raises(ExpectedTaskFailure):
        document_render(document_id=queued.pk)
    queued.refresh_from_db()
    assert queued.status == Status.FAILED
    assert "フォント" in queued.error and "make system-deps" in queued.error


def test_a_crash_is_recorded_in_general_terms_and_raised(queued, monkeypatch):
    def explode(*args, **kwargs):
        raise ZeroDivisionError("internal detail /srv/secret")

    monkeypatch.setattr(services, "html_to_pdf", explode)
    with pytest.raises(ZeroDivisionError):
        document_render(document_id=queued.pk)
    queued.refresh_from_db()
    assert queued.status == Status.FAILED
    assert "予期しないエラー" in queued.error and "ZeroDivisionError" in queued.error
    assert "/srv/secret" not in queued.error


def test_a_failed_document_is_queued_again_when_requested_again(
    queued, monkeypatch, reference_meeting, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rendering, "FONT_PATH", "reports/fonts/missing.ttf")
    with pytest.raises(ExpectedTaskFailure):
        document_render(document_id=queued.pk)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        again = document_request(kind=MINUTES, subject=reference_meeting, by=None)
    assert again.pk == queued.pk
    again.refresh_from_db()
    assert again.status == Status.DONE and again.error == "" and again.attempts == 2


def test_a_done_document_whose_file_vanished_is_rendered_again(
    queued, reference_meeting, django_capture_on_commit_callbacks
):
    done = document_render(document_id=queued.pk)
    done.file.storage.delete(done.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        again = document_request(kind=MINUTES, subject=reference_meeting, by=None)
    again.refresh_from_db()
    assert again.pk == done.pk and again.status == Status.DONE and again.file.storage.exists(again.file.name)


def test_a_deleted_job_is_nothing_to_do(queued):
    GeneratedDocument.objects.filter(pk=queued.pk).delete()
    assert document_render(document_id=queued.pk) is None


def test_the_kind_must_fit_the_subject(reference_meeting):
    with pytest.raises(ValidationError):
        document_request(kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF, subject=reference_meeting, by=None)


def test_draft_minutes_are_requested_only_by_those_who_may_read_drafts(personas, reference_meeting):
    assert document_request(kind=MINUTES, subject=reference_meeting, by=personas.member).status == Status.QUEUED
    for user in (personas.observer, personas.outsider):
        with pytest.raises(PermissionDenied):
            document_request(kind=MINUTES, subject=reference_meeting, by=user)
    Minutes.objects.filter(meeting=reference_meeting).update(status="published", published_at=timezone.now())
    assert document_request(kind=MINUTES, subject=reference_meeting, by=personas.outsider).pk
