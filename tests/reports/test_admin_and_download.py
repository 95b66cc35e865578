"""Requesting PDFs from the admin, and downloading them with the readers' permissions."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from apps.minutes.models import Minutes
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_render, document_request

pytestmark = pytest.mark.django_db

Status = GeneratedDocument.Status


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_client_logged_in(client):
    client.force_login(User.objects.create_superuser("root", "root@example.jp", "unused-password"))
    return client


def test_the_meeting_admin_requests_the_minutes_pdf_and_links_the_download(
    admin_client_logged_in, reference_meeting, django_capture_on_commit_callbacks
):
    client = admin_client_logged_in
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "request_minutes_pdf", "_selected_action": [reference_meeting.pk]},
            follow=True,
        )
    document = GeneratedDocument.objects.get()
    assert document.status == Status.DONE
    assert reverse("admin:reports_generateddocument_change", args=[document.pk]) in response.content.decode()

    page = client.get(reverse("admin:reports_generateddocument_change", args=[document.pk])).content.decode()
    assert reverse("reports:download", args=[document.pk]) in page
    download = client.get(reverse("reports:download", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "attachment" not in download.get("Content-Disposition", "inline")


def test_the_body_admin_requests_the_progress_report(
    admin_client_logged_in, personas, reference_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_logged_in.post(
            reverse("admin:directory_body_changelist"),
            {"action": "request_progress_report_pdf", "_selected_action": [personas.study_group.pk]},
        )
    document = GeneratedDocument.objects.get(kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF)
    assert document.status == Status.DONE and document.subject == personas.study_group


def test_a_draft_pdf_is_downloaded_only_by_the_bodys_participants(client, personas, reference_meeting):
    document = document_request(kind=GeneratedDocument.Kind.MINUTES_PDF, subject=reference_meeting, by=None)
    document_render(document_id=document.pk)
    url = reverse("reports:download", args=[document.pk])
    status_url = reverse("reports:status", args=[document.pk])
    assert client.get(url).status_code == 404
    for user in (personas.observer, personas.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(status_url).status_code == 404
    client.force_login(personas.member)
    assert client.get(url).status_code == 200
    assert client.get(status_url).json() == {
        "id": document.pk,
        "status": "done",
        "progress": 100,
        "error": "",
        "status_url": status_url,
        "download_url": url,
    }

    # Publishing the minutes does not open the draft's PDF; the published one is public.
    Minutes.objects.filter(meeting=reference_meeting).update(status="published", published_at=timezone.now())
    client.logout()
    assert client.get(url).status_code == 404
    published = document_request(kind=GeneratedDocument.Kind.MINUTES_PDF, subject=reference_meeting, by=None)
    document_render(document_id=published.pk)
    assert client.get(reverse("reports:download", args=[published.pk])).status_code == 200
