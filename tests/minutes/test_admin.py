"""The admin shows published records read-only and turns a stale statement edit into a form error."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from apps.meetings.models import Statement
from apps.minutes import services
from apps.minutes.models import Erratum, Suggestion


@pytest.fixture
def admin_client(client, personas):
    client.force_login(User.objects.create_superuser("admin", "admin@example.jp", "x"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.parametrize(
    ("url_name", "attr"),
    [
        ("admin:meetings_meeting_change", "meeting"),
        ("admin:meetings_agendaitem_change", "item"),
        ("admin:meetings_statement_change", "member_statement"),
        ("admin:meetings_material_change", "material"),
    ],
)
def test_published_records_open_read_only_and_refuse_a_post(admin_client, published, url_name, attr):
    url = reverse(url_name, args=[getattr(published, attr).pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(url, {}).status_code == 403
    delete_url = url.replace("/change/", "/delete/")
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403


def test_draft_records_stay_editable_in_the_admin(admin_client, record):
    page = admin_client.get(reverse("admin:meetings_statement_change", args=[record.member_statement.pk]))
    assert 'name="_save"' in page.content.decode()


def test_a_stale_statement_edit_in_the_admin_is_a_form_error_and_overwrites_nothing(admin_client, record):
    statement = record.member_statement
    url = reverse("admin:meetings_statement_change", args=[statement.pk])
    data = {
        "agenda_item": statement.agenda_item_id,
        "order": statement.order,
        "speaker": statement.speaker_id,
        "speaker_label": statement.speaker_label,
        "kind": statement.kind,
        "text": "管理画面からの修正。",
        "version": statement.version,
    }
    services.statement_update(
        statement=statement,
        text="別の人の修正。",
        base_version=statement.version,
        by=User.objects.get(username="secretariat"),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this statement" in response.content.decode()
    assert Statement.objects.get(pk=statement.pk).text == "別の人の修正。"


def test_publishing_from_the_admin_goes_through_the_service(admin_client, record):
    response = admin_client.post(
        reverse("admin:minutes_minutes_changelist"),
        {"action": "publish", "_selected_action": [record.minutes.pk]},
        follow=True,
    )
    assert response.status_code == 200
    record.minutes.refresh_from_db()
    assert record.minutes.status == "draft"
    assert any("publish" in str(m) for m in response.context["messages"])


def test_an_erratum_cannot_be_added_to_unpublished_minutes_in_the_admin(admin_client, record):
    response = admin_client.post(
        reverse("admin:minutes_erratum_add"), {"minutes": record.minutes.pk, "correct_text": "正"}
    )
    assert response.status_code == 200
    assert Erratum.objects.count() == 0


def test_an_erratum_added_in_the_admin_is_dated_and_recorded(admin_client, published):
    response = admin_client.post(
        reverse("admin:minutes_erratum_add"),
        {"minutes": published.minutes.pk, "statement": published.member_statement.pk, "correct_text": "正しい文"},
    )
    assert response.status_code == 302
    erratum = Erratum.objects.get()
    assert erratum.published_on == timezone.localdate()
    assert erratum.location == "（２）【藤井構成員】"
    assert not Suggestion.objects.exists()
