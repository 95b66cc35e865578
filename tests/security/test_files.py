"""Materials and generated documents: served by a view that checks who may read them, never
inline unless PDF, with DEBUG on or off."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import clear_url_caches
from rest_framework.test import APIClient

from apps.meetings.models import Material
from apps.reports.models import GeneratedDocument
from tests.minutes.conftest import publish
from tests.minutes.record import build_record

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><script>document.title = document.cookie</script></html>"


def _material(meeting, label: str, name: str, content: bytes) -> Material:
    material = Material(meeting=meeting, label=label, sort_key=label)
    material.file.save(name, ContentFile(content), save=False)
    material.save()
    return material


@pytest.fixture
def draft_html(bodies) -> Material:
    return _material(bodies.draft.meeting, "資料7-9", "attack.html", SCRIPT)


def _user(bodies, who: str | None):
    if who is None:
        return None
    return getattr(bodies, who, None) or getattr(bodies.personas, who)


def _get(user, url: str):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 404),
        ("outsider", 404),
        ("observer", 404),
        ("secretariat_b", 404),
        ("member", 200),
        ("secretariat_a", 200),
    ],
)
def test_a_draft_meetings_material_is_hidden_like_its_drafts(bodies, draft_html, who, expected):
    assert _get(_user(bodies, who), draft_html.get_file_url()).status_code == expected


def test_anything_but_pdf_is_a_sandboxed_download(bodies, draft_html):
    response = _get(bodies.secretariat_a, draft_html.get_file_url())
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == SCRIPT


def test_a_pdf_material_shows_in_the_browser(bodies):
    material = _material(bodies.draft.meeting, "資料7-8", "report.pdf", b"%PDF-1.4\n%%EOF\n")
    response = _get(bodies.secretariat_a, material.get_file_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")


@override_settings(PROTECTED_MEDIA_ACCEL_PREFIX="/protected-media/")
def test_behind_a_proxy_the_view_hands_the_file_to_it(bodies, draft_html):
    response = _get(bodies.secretariat_a, draft_html.get_file_url())
    assert response["X-Accel-Redirect"] == f"/protected-media/{draft_html.file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == b""


@pytest.mark.parametrize("debug", [True, False])
def test_uploads_have_no_public_url_with_debug_on_or_off(bodies, draft_html, debug):
    import config.urls

    with override_settings(DEBUG=debug):
        importlib.reload(config.urls)
        clear_url_caches()
        try:
            assert _get(None, f"/media/{draft_html.file.name}").status_code == 404
            assert _get(bodies.secretariat_a, draft_html.get_file_url()).status_code == 200
        finally:
            importlib.reload(config.urls)
            clear_url_caches()


def test_material_links_of_the_page_and_the_api_go_through_the_view(bodies):
    record = build_record(bodies.personas, number=8)
    material = _material(record.meeting, "資料8-9", "annex.svg", b"<svg/>")
    publish(record, bodies.personas)
    url = material.get_file_url()
    assert url.startswith("/materials/")
    page = _get(None, f"/meetings/{record.meeting.pk}/").content.decode()
    assert f'href="{url}"' in page and "/media/" not in page
    api = APIClient()
    api.force_login(bodies.personas.outsider)
    assert api.get(f"/api/v1/materials/{material.pk}/").json()["file"].endswith(url)
    assert _get(None, url).status_code == 200  # published: public


def test_a_generated_draft_document_is_a_pdf_for_the_bodys_participants_only(bodies):
    document = GeneratedDocument.objects.create(
        kind=GeneratedDocument.Kind.MINUTES_PDF,
        subject=bodies.draft.meeting,
        content_hash="0" * 64,
        inputs={"status": "draft", "title": "第7回"},
        status=GeneratedDocument.Status.DONE,
    )
    document.file.save("draft.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    url = f"/reports/documents/{document.pk}.pdf"
    assert _get(bodies.secretariat_b, url).status_code == 404
    assert _get(bodies.personas.outsider, url).status_code == 404
    response = _get(bodies.personas.member, url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_admin_links_a_material_through_the_view(bodies, draft_html):
    page = _get(bodies.secretariat_a, f"/admin/meetings/material/{draft_html.pk}/change/").content.decode()
    assert f'href="{draft_html.get_file_url()}"' in page
    assert "/media/" not in page
