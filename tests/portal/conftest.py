import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from apps.minutes import services
from apps.minutes.models import ReviewRequest
from tests.minutes.record import Record, build_record


@dataclass
class Site:
    draft: Record  # in review, study group
    published: Record  # published, study group
    elsewhere: Record  # draft of the other body
    member_review: ReviewRequest


def send(record: Record, personas) -> None:
    services.minutes_send_for_review(
        minutes=record.minutes, due_on=timezone.localdate() + dt.timedelta(days=7), by=personas.secretariat
    )


def publish(record: Record, personas) -> None:
    send(record, personas)
    for request in record.minutes.review_requests.select_related("reviewer__user"):
        services.review_approve_all(review_request=request, by=request.reviewer.user)
    services.minutes_approve(minutes=record.minutes, by=personas.secretariat)
    services.minutes_publish(minutes=record.minutes, by=personas.secretariat)


@pytest.fixture
def site(personas) -> Site:
    draft = build_record(personas, number=6)
    send(draft, personas)
    published = build_record(personas, number=5)
    publish(published, personas)
    elsewhere = build_record(personas, number=1, body=personas.other_body)
    return Site(
        draft=draft,
        published=published,
        elsewhere=elsewhere,
        member_review=draft.minutes.review_requests.get(reviewer__user=personas.member),
    )


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages in English, so that assertions read the same as the code; Japanese is tested on its own."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
