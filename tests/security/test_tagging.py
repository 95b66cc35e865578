"""Tagging: the page and the API apply one rule (apps.deliberation.tagging)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.deliberation.models import IssueStatement
from apps.meetings.models import AgendaItem, Statement
from tests.minutes.record import build_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_group_statement(bodies) -> Statement:
    record = build_record(bodies.personas, number=1, body=bodies.task_group)
    return record.member_statement


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_tagging_page_hides_the_parent_bodys_draft_issues(bodies, task_group_statement):
    page = _client(bodies.secretariat_tg).get(reverse("register:tag_statement", args=[task_group_statement.pk]))
    assert page.status_code == 200
    assert bodies.draft_issue_a.title not in page.content.decode()


def test_the_tagging_page_refuses_a_parent_bodys_draft_issue(bodies, task_group_statement):
    url = reverse("register:tag_statement", args=[task_group_statement.pk])
    _client(bodies.secretariat_tg).post(url, {"issues": [bodies.draft_issue_a.pk]})
    assert not IssueStatement.objects.filter(issue=bodies.draft_issue_a).exists()


def test_the_api_refuses_the_same_tag(bodies, task_group_statement):
    client = APIClient()
    client.force_login(bodies.secretariat_tg)
    response = client.post(
        "/api/v1/taggings/",
        {"issue": bodies.draft_issue_a.pk, "statement": task_group_statement.pk},
        format="json",
    )
    assert response.status_code in (400, 403), response.json()  # an issue it may not see does not exist
    assert not IssueStatement.objects.exists()


def test_the_bodys_own_secretariat_tags_on_the_page(bodies, task_group_statement):
    url = reverse("register:tag_statement", args=[task_group_statement.pk])
    page = _client(bodies.secretariat_a).get(url)
    assert bodies.draft_issue_a.title in page.content.decode()
    _client(bodies.secretariat_a).post(url, {"issues": [bodies.draft_issue_a.pk]})
    assert IssueStatement.objects.filter(issue=bodies.draft_issue_a, statement=task_group_statement).exists()


def test_another_bodys_secretariat_cannot_open_the_page(bodies):
    statement = Statement.objects.filter(agenda_item__in=AgendaItem.objects.filter(meeting=bodies.draft.meeting))[0]
    page = _client(bodies.secretariat_b).get(reverse("register:tag_statement", args=[statement.pk]))
    assert page.status_code == 404
