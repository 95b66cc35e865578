"""Fifty people ask for the minutes of five meetings at the same moment: five renders, fifty answers."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.db import connection

from apps.directory.models import Body, Membership
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request
from tests.faults.conftest import wait_until
from tests.reports.reference import build_reference_meeting

pytestmark = pytest.mark.worker

Status = GeneratedDocument.Status
REQUESTS = 50
MEETINGS = 5


def test_fifty_concurrent_requests_for_five_meetings_render_each_once_and_answer_all(
    workers, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = media = tmp_path / "media"
    bodies = [Body.objects.create(name=f"負荷試験用検討会{index}", host=personas.ministry) for index in range(MEETINGS)]
    for body in bodies:
        Membership.objects.create(person=personas.secretariat.person, body=body, role=Membership.Role.SECRETARIAT)
    meetings = [build_reference_meeting(body) for body in bodies]
    for _ in range(2):
        workers.start(TEST_MEDIA_ROOT=str(media))
    start_together = threading.Barrier(REQUESTS)

    def request(index: int) -> tuple[int, int]:
        meeting = meetings[index % MEETINGS]
        try:
            start_together.wait(timeout=30)
            document = document_request(
                kind=GeneratedDocument.Kind.MINUTES_PDF, subject=meeting, by=personas.secretariat
            )
            return meeting.pk, document.pk
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        answers = list(pool.map(request, range(REQUESTS)))

    assert len(answers) == REQUESTS
    document_of = {}
    for meeting_id, document_id in answers:
        assert document_of.setdefault(meeting_id, document_id) == document_id  # one document per meeting
    assert len(document_of) == MEETINGS
    assert GeneratedDocument.objects.count() == MEETINGS

    wait_until(
        lambda: not GeneratedDocument.objects.exclude(status__in=[Status.DONE, Status.FAILED]).exists(),
        timeout=120,
        interval=0.5,
        what="five documents",
    )
    documents = GeneratedDocument.objects.order_by("pk")
    assert [(d.status, d.attempts) for d in documents] == [(Status.DONE, 1)] * MEETINGS  # five renders
    assert sorted(p.name for p in media.rglob("*.pdf")) == sorted(f"{d.content_hash}.pdf" for d in documents)
    assert redis.Redis.from_url(workers.broker_url).llen("celery") == 0  # nothing left waiting
