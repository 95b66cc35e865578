"""Only the body's secretariat reaches the desk; everyone else gets 404 (or the login page), tokens too."""

import pytest
from django.urls import reverse

from apps.api.models import DashboardToken
from apps.meetings.models import Attendance, Statement

ROLES = ["chair", "member", "operator", "observer", "outsider"]


def _urls(meeting, personas, item, statement, attendance):
    return [
        ("get", reverse("desk:new") + f"?body={personas.study_group.pk}"),
        ("get", reverse("desk:edit", args=[meeting.pk])),
        ("get", reverse("desk:search", args=[meeting.pk]) + "?q=藤井"),
        ("post", reverse("desk:add_members", args=[meeting.pk])),
        ("post", reverse("desk:item_add", args=[meeting.pk])),
        ("post", reverse("desk:statement_add", args=[item.pk])),
        ("get", reverse("desk:statement", args=[statement.pk])),
        ("post", reverse("desk:statement_move", args=[statement.pk])),
        ("post", reverse("desk:attendance", args=[attendance.pk])),
        ("post", reverse("desk:decision_add", args=[item.pk])),
    ]


@pytest.fixture
def record(meeting, personas):
    item = meeting.agenda_items.create(order=1, title="議題")
    statement = Statement.objects.create(agenda_item=item, order=1, speaker_label="藤井構成員", text="発言")
    attendance = Attendance.objects.create(meeting=meeting, category="member", person=personas.member.person)
    return _urls(meeting, personas, item, statement, attendance)


@pytest.mark.parametrize("role", ROLES)
def test_no_other_role_of_the_body_sees_the_desk(client, personas, record, role):
    client.force_login(getattr(personas, role))
    for method, url in record:
        assert getattr(client, method)(url).status_code == 404, (role, url)


def test_the_secretariat_of_another_body_gets_404(client, record, other_secretariat):
    client.force_login(other_secretariat)
    for method, url in record:
        assert getattr(client, method)(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in(client, record):
    for method, url in record:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_a_write_token_cannot_use_the_desk(client, personas, record):
    token = DashboardToken(name="integration", can_write=True, created_by=personas.secretariat)
    secret = token.set_new_key()
    token.save()
    token.bodies.add(personas.study_group)
    for method, url in record:
        response = getattr(client, method)(url, HTTP_AUTHORIZATION=f"Token {secret}")
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_secretariat_opens_the_editor_and_a_new_meeting(client, personas, meeting):
    client.force_login(personas.secretariat)
    assert client.get(reverse("desk:edit", args=[meeting.pk])).status_code == 200
    page = client.get(reverse("desk:new") + f"?body={personas.study_group.pk}")
    assert page.status_code == 200
    # The next number and a title built from the body's name are proposed.
    assert 'value="8"' in page.content.decode()
    assert f"{personas.study_group.name}（第8回）" in page.content.decode()
