"""Generated documents through the API: request a PDF, poll it, download it; drafts stay private."""

import io

import pypdf
import pytest
from django.utils import timezone

from apps.access.documents import can_download, visible_documents
from apps.access.permissions import TokenActor
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes
from apps.reports import services
from apps.reports.models import GeneratedDocument
from tests.api.conftest import client_for, make_meeting, make_statement

MINUTES = GeneratedDocument.Kind.MINUTES_PDF
REPORT = GeneratedDocument.Kind.PROGRESS_REPORT_PDF


@pytest.fixture
def published_working_party(record, personas) -> Meeting:
    """A meeting of the working party whose minutes are published: its progress report draws on
    published minutes only, while the study group's also covers the meeting under review."""
    meeting = make_meeting(personas.working_party, 1, None)
    make_statement(meeting, 1, "作業班での検討結果を報告した。")
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    return meeting


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
        ("observer", REPORT, "working_party", 404),  # may read its published report, not ask for one
        ("member", MINUTES, "in_review", 202),
        ("member", REPORT, "study_group", 202),
        ("read_token", MINUTES, "in_review", 404),
        ("read_token", REPORT, "study_group", 404),
        ("read_token", REPORT, "working_party", 404),
        ("outsider", REPORT, "working_party", 404),
        ("member", REPORT, "working_party", 202),
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


def test_the_document_list_shows_exactly_what_may_be_downloaded(record, personas, published_working_party):
    documents = [
        services.document_request(kind=MINUTES, subject=record.published, by=None),
        services.document_request(kind=MINUTES, subject=record.in_review, by=None),
        services.document_request(kind=MINUTES, subject=record.other, by=None),
        services.document_request(kind=REPORT, subject=personas.study_group, by=None),
        services.document_request(kind=REPORT, subject=personas.other_body, by=None),
        services.document_request(kind=REPORT, subject=personas.working_party, by=None),
    ]
    users = [personas.secretariat, personas.chair, personas.observer, personas.outsider]
    for user in users:
        expected = {d.pk for d in documents if can_download(user, d)}
        assert set(visible_documents(user, GeneratedDocument.objects.all()).values_list("pk", flat=True)) == expected
        listed = client_for(user).get("/api/v1/documents/").json()["results"]
        assert {row["id"] for row in listed} == expected
    assert can_download(personas.observer, documents[5]) and not can_download(personas.observer, documents[3])
    scoped = frozenset({personas.study_group.pk, personas.working_party.pk})
    token = TokenActor(token_id=0, body_ids=scoped, can_write=False)
    assert set(visible_documents(token, GeneratedDocument.objects.all()).values_list("pk", flat=True)) == {
        documents[0].pk,
        documents[5].pk,
    }
    elsewhere = TokenActor(token_id=1, body_ids=frozenset({personas.other_body.pk}), can_write=False)
    assert not visible_documents(elsewhere, GeneratedDocument.objects.all()).exists()


def test_an_observer_lists_and_downloads_a_published_progress_report_but_not_a_draft_one(
    record, personas, published_working_party, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        published = services.document_request(kind=REPORT, subject=personas.working_party, by=personas.secretariat)
        draft = services.document_request(kind=REPORT, subject=personas.study_group, by=personas.secretariat)
    for who in (personas.observer, "read_token"):
        client = client_for(who, record)
        listed = client.get("/api/v1/documents/", {"kind": REPORT}).json()["results"]
        assert [row["id"] for row in listed] == [published.pk]
        assert listed[0]["status"] == "done"
        pdf = client.get(listed[0]["download_url"])
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
        assert client.get(f"/api/v1/documents/{draft.pk}/").status_code == 404
        assert client.get(f"/api/v1/documents/{draft.pk}/file/").status_code == 404
    assert client_for(None).get(f"/api/v1/documents/{published.pk}/file/").status_code == 401
