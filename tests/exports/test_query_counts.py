"""Each export reads the record in a fixed number of queries, whatever its size."""

import pytest
from django.urls import reverse

from apps.meetings.models import Attendance, Meeting, Statement
from tests.minutes.record import build_record

from .conftest import publish

pytestmark = pytest.mark.django_db
Naming = Meeting.SpeakerNaming


def urls(meeting: Meeting) -> dict[str, str]:
    return {
        "akn": reverse("exports:akn", args=[meeting.pk]),
        "docx": reverse("exports:docx", args=[meeting.pk]),
        "statements": reverse("export-statements") + f"?meeting={meeting.pk}&format=csv",
        "attendance": reverse("export-attendance") + f"?meeting={meeting.pk}&format=xlsx",
        "calendar": reverse("exports:calendar", args=[meeting.body_id]),
        "feed": reverse("exports:body_feed", args=[meeting.body_id]),
    }


def counts(client, meeting: Meeting, django_assert_max_num_queries) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    found = {}
    for name, url in urls(meeting).items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        found[name] = len(queries)
    return found


@pytest.mark.parametrize("naming", [Naming.AS_PRINTED, Naming.CATEGORY])
def test_the_reference_meeting_costs_what_a_small_one_does(client, personas, reference_meeting, naming):
    record = build_record(personas, number=1, body=personas.working_party)
    operator = personas.operator.person
    Attendance.objects.create(
        meeting=record.meeting,
        category=Attendance.Category.OPERATOR,
        person=operator,
        organization=operator.organization,
    )
    small = publish(record.meeting, naming=naming)
    large = publish(reference_meeting, naming=naming)
    assert Statement.objects.filter(agenda_item__meeting=large).count() > 40
    assert counts(client, large, None) == counts(client, small, None)


def test_the_record_is_read_in_few_queries(client, reference_meeting, django_assert_max_num_queries):
    meeting = publish(reference_meeting, naming=Naming.CATEGORY)
    for name, url in urls(meeting).items():
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, name


def test_the_api_nulls_who_spoke_and_who_attended_in_the_public_version(client, reference_meeting):
    from tests.api.conftest import make_token

    meeting = publish(reference_meeting, naming=Naming.CATEGORY)
    token = {"HTTP_AUTHORIZATION": f"Token {make_token('公開', meeting.body)}"}
    statements = client.get(f"/api/v1/statements/?meeting={meeting.pk}&page_size=100", **token).json()["results"]
    assert statements and {s["speaker"] for s in statements} == {None}
    one = client.get(f"/api/v1/statements/{statements[0]['id']}/", **token).json()
    assert one["speaker"] is None and one["speaker_label"] == statements[0]["speaker_label"]
    detail = client.get(f"/api/v1/meetings/{meeting.pk}/", **token).json()
    assert {a["person"] for a in detail["attendances"]} == {None}
