"""Every record the API edits takes If-Match: two clients read the same version, the first
writes, the second's write from the stale ETag is a 412 and the first's change survives."""

import pytest
from rest_framework.test import APIClient

from apps.deliberation.models import Assignment, Issue, Position

from .conftest import api_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(bodies) -> Issue:
    return Issue.objects.create(body=bodies.a, code="I-020", title="件名", raised_in=bodies.draft.meeting)


@pytest.fixture
def clients(bodies) -> tuple[APIClient, APIClient]:
    return api_as(bodies.secretariat_a), api_as(bodies.secretariat_a)


def test_a_position_changed_by_another_client_since_it_was_read_is_not_overwritten(bodies, issue, clients):
    position = Position.objects.create(
        issue=issue, person=bodies.morikawa, meeting=bodies.draft.meeting, stance="considering"
    )
    url = f"/api/v1/positions/{position.pk}/"
    first, second = clients
    read_first, read_second = first.get(url)["ETag"], second.get(url)["ETag"]
    assert read_first == read_second

    written = first.patch(url, {"stance": "supports"}, format="json", HTTP_IF_MATCH=read_first)
    stale = second.patch(url, {"summary": "古い画面から"}, format="json", HTTP_IF_MATCH=read_second)

    assert written.status_code == 200 and written.json()["stance"] == "supports"
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "stale"
    position.refresh_from_db()
    assert (position.stance, position.summary) == ("supports", "")
    assert written["ETag"] == second.get(url)["ETag"]  # the write answers with the ETag a read gives
    again = second.patch(url, {"summary": "読み直して"}, format="json", HTTP_IF_MATCH=written["ETag"])
    assert again.status_code == 200
    assert Position.objects.get(pk=position.pk).stance == "supports"


def test_an_assignment_finished_by_another_client_since_it_was_read_is_not_finished_again(bodies, issue, clients):
    assignment = Assignment.objects.create(issue=issue, task_group=bodies.task_group)
    url = f"/api/v1/assignments/{assignment.pk}/"
    first, second = clients
    read_first, read_second = first.get(url)["ETag"], second.get(url)["ETag"]

    withdrawn = first.post(f"{url}withdraw/", {"reason": "不要になった"}, format="json", HTTP_IF_MATCH=read_first)
    stale = second.post(
        f"{url}report-back/",
        {"text": "報告", "meeting": bodies.draft.meeting.pk},
        format="json",
        HTTP_IF_MATCH=read_second,
    )

    assert withdrawn.status_code == 200
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "stale"
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.WITHDRAWN
    assert withdrawn["ETag"] == second.get(url)["ETag"]


def test_an_assignment_read_before_an_unrelated_write_elsewhere_still_matches(bodies, issue, clients):
    assignment = Assignment.objects.create(issue=issue, task_group=bodies.task_group)
    other = Assignment.objects.create(issue=issue, task_group=bodies.task_group)
    first, second = clients
    etag = second.get(f"/api/v1/assignments/{assignment.pk}/")["ETag"]
    first.post(f"/api/v1/assignments/{other.pk}/withdraw/", {"reason": "重複"}, format="json")
    reported = second.post(
        f"/api/v1/assignments/{assignment.pk}/report-back/",
        {"text": "報告", "meeting": bodies.draft.meeting.pk},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert reported.status_code == 200
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.REPORTED


def test_if_match_is_optional_a_write_without_it_is_unconditional(bodies, issue, clients):
    position = Position.objects.create(
        issue=issue, person=bodies.morikawa, meeting=bodies.draft.meeting, stance="considering"
    )
    first, _second = clients
    url = f"/api/v1/positions/{position.pk}/"
    assert first.patch(url, {"stance": "opposes"}, format="json").status_code == 200
    assert first.patch(url, {"stance": "conditional"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert Position.objects.get(pk=position.pk).stance == "conditional"


def test_only_the_secretariat_of_the_body_changes_a_position(bodies, issue):
    position = Position.objects.create(
        issue=issue, person=bodies.morikawa, meeting=bodies.draft.meeting, stance="considering"
    )
    url = f"/api/v1/positions/{position.pk}/"
    assert api_as(bodies.secretariat_b).patch(url, {"stance": "opposes"}, format="json").status_code == 404
    member = api_as(bodies.personas.member)
    assert member.patch(url, {"stance": "opposes"}, format="json").status_code in (403, 404)
    assert api_as(bodies.secretariat_a).put(url, {"stance": "opposes"}, format="json").status_code == 405
    assert Position.objects.get(pk=position.pk).stance == Position.Stance.CONSIDERING
