import datetime as dt

import pytest
from django.utils import timezone, translation

from apps.minutes import services

from .record import build_record


@pytest.fixture
def record(personas):
    return build_record(personas)


def publish(record, personas) -> None:
    """Through the whole workflow: review, approval, publication."""
    services.minutes_send_for_review(
        minutes=record.minutes, due_on=timezone.localdate() + dt.timedelta(days=3), by=personas.secretariat
    )
    for request in record.minutes.review_requests.select_related("reviewer__user"):
        services.review_approve_all(review_request=request, by=request.reviewer.user)
    services.minutes_approve(minutes=record.minutes, by=personas.secretariat)
    services.minutes_publish(minutes=record.minutes, by=personas.secretariat)


@pytest.fixture
def published(record, personas):
    publish(record, personas)
    for name in ("meeting", "item", "member_statement", "attendance", "material", "decision", "minutes"):
        getattr(record, name).refresh_from_db()
    return record


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are asserted in English (the Japanese catalogue is tested in tests/portal)."""
    with translation.override("en"):
        yield
