"""Redis stops while a document is requested: a clear refusal, no half-made job, and recovery."""

import pytest

from apps.reports.models import GeneratedDocument
from apps.reports.services import DocumentQueueUnavailable, document_request
from tests.faults.conftest import wait_until
from tests.reports.reference import build_reference_meeting

pytestmark = pytest.mark.worker

MINUTES = GeneratedDocument.Kind.MINUTES_PDF
Status = GeneratedDocument.Status


def _rendered(document: GeneratedDocument) -> GeneratedDocument:
    wait_until(
        lambda: GeneratedDocument.objects.filter(pk=document.pk, status__in=[Status.DONE, Status.FAILED]).exists(),
        timeout=90,
        interval=0.2,
        what=f"document {document.pk}",
    )
    document.refresh_from_db()
    return document


def test_a_request_while_redis_is_down_is_refused_clearly_and_works_again_when_it_is_back(
    private_workers, private_redis, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    env = {"TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    earlier = build_reference_meeting(personas.study_group)
    later = build_reference_meeting(personas.working_party)
    private_workers.start(**env)
    done = _rendered(document_request(kind=MINUTES, subject=earlier, by=personas.secretariat))
    assert done.status == Status.DONE

    private_redis.stop()
    with pytest.raises(DocumentQueueUnavailable) as refusal:
        document_request(kind=MINUTES, subject=later, by=personas.secretariat)
    assert "ジョブキューに接続できません" in str(refusal.value)
    assert "queue cannot be reached" in str(refusal.value)
    assert not GeneratedDocument.objects.filter(subject_id=later.pk).exists()
    # A finished document needs no queue: it is still handed out.
    assert document_request(kind=MINUTES, subject=earlier, by=personas.member).pk == done.pk

    private_redis.start()  # same port: the running worker reconnects by itself
    document = document_request(kind=MINUTES, subject=later, by=personas.secretariat)
    document = _rendered(document)
    assert document.status == Status.DONE and document.attempts == 1
    assert GeneratedDocument.objects.count() == 2
