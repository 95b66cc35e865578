"""Dashboard tokens never outlive, nor outreach, the secretariat that issued them."""

import logging

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from apps.api.models import DashboardToken
from apps.directory.models import Membership

from .conftest import issue_token, secretariat_of

pytestmark = pytest.mark.django_db


def _api(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def _create_issue(raw: str, body) -> int:
    return _api(raw).post("/api/v1/issues/", {"body": body.pk, "title": "新しい課題"}, format="json").status_code


def test_a_write_token_works_while_its_issuer_runs_the_body(bodies):
    raw = issue_token(bodies.secretariat_a, bodies.a, can_write=True)
    assert _create_issue(raw, bodies.a) == 201


def test_a_write_token_ends_when_its_issuers_membership_ends(bodies):
    raw = issue_token(bodies.secretariat_a, bodies.a, can_write=True)
    Membership.objects.filter(person__user=bodies.secretariat_a).update(end=timezone.localdate())
    assert _create_issue(raw, bodies.a) == 401
    assert _api(raw).get("/api/v1/issues/").status_code == 401


def test_a_token_ends_when_its_issuer_is_deactivated(bodies):
    raw = issue_token(bodies.secretariat_a, bodies.a, can_read_drafts=True)
    bodies.secretariat_a.is_active = False
    bodies.secretariat_a.save()
    assert _api(raw).get("/api/v1/meetings/").status_code == 401


def test_a_token_reaches_only_the_bodies_its_issuer_still_runs(bodies):
    """Issued for A's tree by A's secretariat, then the issuer moves to the task group only."""
    raw = issue_token(bodies.secretariat_a, bodies.a, can_read_drafts=True)
    assert _api(raw).get(f"/api/v1/meetings/{bodies.draft.meeting.pk}/").status_code == 200
    membership = Membership.objects.get(person__user=bodies.secretariat_a, body=bodies.a)
    membership.end = timezone.localdate()
    membership.save()
    Membership.objects.create(
        person=bodies.secretariat_a.person, body=bodies.task_group, role=Membership.Role.SECRETARIAT
    )
    assert _api(raw).get(f"/api/v1/meetings/{bodies.draft.meeting.pk}/").status_code == 404
    assert _create_issue(raw, bodies.a) == 403


def test_every_secretariat_of_the_body_sees_and_revokes_its_tokens(bodies):
    raw = issue_token(bodies.secretariat_a, bodies.a, can_write=True)
    token = DashboardToken.objects.get()
    colleague = secretariat_of(bodies.a, "secretariat_a2", "事務局A2")
    admin = Client()
    admin.force_login(colleague)
    assert token.name in admin.get("/admin/api/dashboardtoken/").content.decode()
    response = admin.post(
        "/admin/api/dashboardtoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert not token.is_active
    assert _create_issue(raw, bodies.a) == 401


def test_another_bodys_secretariat_neither_sees_nor_revokes_the_token(bodies):
    issue_token(bodies.secretariat_a, bodies.a, can_write=True)
    token = DashboardToken.objects.get()
    admin = Client()
    admin.force_login(bodies.secretariat_b)
    assert token.name not in admin.get("/admin/api/dashboardtoken/").content.decode()
    admin.post("/admin/api/dashboardtoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.is_active
    assert admin.get(f"/admin/api/dashboardtoken/{token.pk}/change/").status_code == 302  # not found: back to list


def test_token_use_is_in_the_audit_log(bodies, caplog):
    raw = issue_token(bodies.secretariat_a, bodies.a)
    with caplog.at_level(logging.INFO, logger="shingi.audit"):
        _api(raw).get("/api/v1/issues/")
    [record] = [r for r in caplog.records if r.name == "shingi.audit"]
    assert record.issuer == "secretariat" and record.path == "/api/v1/issues/" and record.method == "GET"
    assert record.token_id == DashboardToken.objects.get().pk
