"""Dashboard tokens: issued by the secretariat in the admin, shown once, stored as a hash,
scoped to bodies; read-only unless allowed more."""

import re

from apps.api.models import DashboardToken, hash_token
from tests.api.conftest import client_for, make_token

TOKEN = re.compile(r"shg_[A-Za-z0-9_-]{40,}")


def test_the_secretariat_issues_a_token_in_the_admin_and_a_dashboard_reads_with_it(client, record, personas):
    client.force_login(personas.secretariat)
    page = client.post(
        "/admin/api/dashboardtoken/add/",
        {"name": "省内ダッシュボード", "bodies": [personas.study_group.pk], "is_active": "on"},
        follow=True,
    )
    assert page.status_code == 200
    shown = TOKEN.findall(page.content.decode())
    assert len(shown) == 1
    raw = shown[0]
    token = DashboardToken.objects.get(name="省内ダッシュボード")
    assert token.key_hash == hash_token(raw) and raw not in str(DashboardToken.objects.values().get(pk=token.pk))
    assert token.created_by == personas.secretariat and not token.can_write
    # Shown once: the change page never shows it again.
    assert not TOKEN.search(client.get(f"/admin/api/dashboardtoken/{token.pk}/change/").content.decode())

    dashboard = client_for(None)
    dashboard.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    counts = dashboard.get("/api/v1/aggregates/issue-counts/", {"body": personas.study_group.pk})
    assert counts.status_code == 200
    assert counts.json()["by_status"] == [{"status": "open", "count": 1}]  # the issue of the published meeting
    refused = dashboard.post("/api/v1/issues/", {"body": personas.study_group.pk, "title": "x"}, format="json")
    assert refused.status_code == 403


def test_the_secretariat_cannot_scope_a_token_to_another_body(client, personas):
    client.force_login(personas.secretariat)
    page = client.post(
        "/admin/api/dashboardtoken/add/", {"name": "越権", "bodies": [personas.other_body.pk], "is_active": "on"}
    )
    assert page.status_code == 200  # the form again, with the error on the field
    assert "bodies" in page.context["adminform"].form.errors
    assert not DashboardToken.objects.filter(name="越権").exists()


def test_a_token_allowed_to_read_drafts_sees_reviews_but_still_cannot_write(record, personas):
    raw = make_token("review dashboard", personas.study_group)
    DashboardToken.objects.filter(name="review dashboard").update(can_read_drafts=True)
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(f"/api/v1/meetings/{record.in_review.pk}/").status_code == 200
    assert client.get(f"/api/v1/meetings/{record.other.pk}/").status_code == 404  # outside its scope
    progress = client.get("/api/v1/aggregates/review-progress/").json()
    assert [(row["meeting"], row["pending"]) for row in progress] == [(record.in_review.pk, 1)]
    counts = client.get("/api/v1/aggregates/issue-counts/", {"body": personas.study_group.pk}).json()
    assert counts["by_status"] == [{"status": "open", "count": 2}]
    assert client.patch(f"/api/v1/issues/{record.public_issue.pk}/", {"priority": 1}, format="json").status_code == 403
