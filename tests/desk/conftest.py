import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from apps.directory.models import Membership, Person
from apps.meetings.models import Meeting
from tests.conftest import PASSWORD

TOKYO = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def htmx(client):
    """The client, sending what htmx sends: the fragment comes back instead of a redirect."""
    client.defaults["HTTP_HX_REQUEST"] = "true"
    return client


@pytest.fixture
def other_secretariat(personas) -> User:
    """The secretariat of another body (電波政策懇談会)."""
    user = User.objects.create_user("other-secretariat", "o@example.jp", PASSWORD)
    person = Person.objects.create(family_name="他局", user=user)
    Membership.objects.create(person=person, body=personas.other_body, role=Membership.Role.SECRETARIAT)
    return user


@pytest.fixture
def meeting(personas) -> Meeting:
    start = dt.datetime(2023, 1, 24, 10, 0, tzinfo=TOKYO)
    return Meeting.objects.create(
        body=personas.study_group, number=7, title="第7回", starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
