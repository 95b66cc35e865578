"""Generated documents through the API: request a PDF, poll it, download it; drafts stay private."""

import io

import pypdf
import pytest

from apps.core.permissions import TokenActor
from apps.reports.api import visible_documents
from apps.reports.models import GeneratedDocument
from apps.reports.permissions import can_download
from tests.api.conftest import client_for

MINUTES = GeneratedDocument.Kind.MINUTES_PDF
REPORT = GeneratedDocument.Kind.PROGRESS_REPORT_PDF


def test_a_requested_minutes_pdf_is_rendered_polled_and_downloaded(
    record, personas, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("read_token", record)
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post("/api/v1/documents/", {"kind": MINUTES, "meeting": record.published.pk}, format="json")
    assert requested.status_code == 202
    document_id = requested.json()["id"]
    assert requested.json()["status"] == "queued"  # answered before rendering started

    polled = client.get(f"/api/v1/documents/{document_id}/").json()
    assert polled["status"] == "done" and polled["progress"] == 100
    pdf = client.get(polled["download_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages)
    assert "ＩｏＴ機器の優先度を検討すべき" in text.replace("\n", "") or "IoT機器の優先度を検討すべき" in text

    again = client.post("/api/v1/documents/", {"kind": MINUTES, "meeting": record.published.pk}, format="json")
    assert again.json()["id"] == document_id  # same inputs, same document


def test_a_pdf_not_finished_yet_is_a_409(record, personas):
    client = client_for(personas.secretariat)
    requested = client.post("/api/v1/documents/", {"kind": MINUTES, "meeting": record.in_review.pk}, format="json")
    assert requested.status_code == 202
    response = client.get(f"/api/v1/documents/{requested.json()['id']}/file/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_ready"


@pytest.mark.parametrize(
    ("who", "kind", "subject", "expected"),
    [
        ("observer", MINUTES, "published", 202),
        ("observer", MINUTES, "in_review", 404),
        ("observer", REPORT, "study_group", 404),
        ("member", MINUTES, "in_review", 202),
        ("member", REPORT, "study_group", 202),
        ("read_token", MINUTES, "in_review", 404),
        ("read_token", REPORT, "study_group", 404),
        ("other_token", MINUTES, "published", 404),
        ("outsider", MINUTES, "other", 202),
    ],
)
def test_who_may_request_which_document(record, personas, who, kind, subject, expected):
    client = client_for(who if who.endswith("token") else getattr(personas, who), record)
    target = getattr(record, subject, None) or getattr(personas, subject)
    field = "meeting" if kind == MINUTES else "body"
    response = client.post("/api/v1/documents/", {"kind": kind, field: target.pk}, format="json")
    assert response.status_code == expected, response.content


def test_a_minutes_pdf_needs_its_meeting(record, personas):
    response = client_for(personas.secretariat).post(
        "/api/v1/documents/", {"kind": MINUTES, "body": personas.study_group.pk}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["meeting"]


def test_the_document_list_shows_exactly_what_may_be_downloaded(record, personas):
    from apps.reports import services

    documents = [
        services.document_request(kind=MINUTES, subject=record.published, by=None),
        services.document_request(kind=MINUTES, subject=record.in_review, by=None),
        services.document_request(kind=MINUTES, subject=record.other, by=None),
        services.document_request(kind=REPORT, subject=personas.study_group, by=None),
        services.document_request(kind=REPORT, subject=personas.other_body, by=None),
    ]
    users = [personas.secretariat, personas.chair, personas.observer, personas.outsider]
    for user in users:
        expected = {d.pk for d in documents if can_download(user, d)}
        assert set(visible_documents(user, GeneratedDocument.objects.all()).values_list("pk", flat=True)) == expected
        listed = client_for(user).get("/api/v1/documents/").json()["results"]
        assert {row["id"] for row in listed} == expected
    token = TokenActor(token_id=0, body_ids=frozenset({personas.study_group.pk}), can_write=False)
    assert list(visible_documents(token, GeneratedDocument.objects.all()).values_list("pk", flat=True)) == [
        documents[0].pk
    ]
