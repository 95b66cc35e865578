"""The PDF button's endpoints: request a job, then poll it until the file is ready."""

from django.urls import reverse

from apps.reports.models import GeneratedDocument


def test_a_member_requests_the_draft_minutes_pdf_and_polls_it_until_done(
    client, personas, site, django_capture_on_commit_callbacks
):
    client.force_login(personas.member)
    with django_capture_on_commit_callbacks(execute=True):  # no broker in tests: the job runs in-process
        response = client.post(reverse("portal:request_pdf", args=[site.draft.meeting.pk]))
    assert response.status_code in (200, 202), response.content
    job = response.json()
    assert job["status_url"] == reverse("reports:status", args=[job["id"]])
    status = client.get(job["status_url"]).json()
    assert status["status"] == GeneratedDocument.Status.DONE, status
    pdf = client.get(status["download_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_visitor_may_request_the_published_minutes_pdf_but_not_a_draft(client, site):
    assert client.post(reverse("portal:request_pdf", args=[site.published.meeting.pk])).status_code in (200, 202)
    assert client.post(reverse("portal:request_pdf", args=[site.draft.meeting.pk])).status_code == 404


def test_requesting_needs_a_post(client, site):
    assert client.get(reverse("portal:request_pdf", args=[site.published.meeting.pk])).status_code == 405


def test_the_body_page_lists_published_reports_to_everyone_and_the_others_to_participants(
    client, personas, site, django_capture_on_commit_callbacks
):
    from apps.reports.services import document_request
    from tests.minutes.record import build_record
    from tests.portal.conftest import publish

    publish(build_record(personas, number=1, body=personas.working_party), personas)
    kind = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
    with django_capture_on_commit_callbacks(execute=True):
        published = document_request(kind=kind, subject=personas.working_party, by=None)
        draft = document_request(kind=kind, subject=personas.study_group, by=None)
    published_link = reverse("reports:download", args=[published.pk])
    draft_link = reverse("reports:download", args=[draft.pk])
    working_party = reverse("portal:body", args=[personas.working_party.pk])
    study_group = reverse("portal:body", args=[personas.study_group.pk])

    for visitor in (None, personas.observer):
        if visitor is not None:
            client.force_login(visitor)
        page = client.get(working_party).content.decode()
        assert published_link in page
        assert "data-request-url" not in page  # reading a report is not asking for one
        assert "<h2>Reports</h2>" not in client.get(study_group).content.decode()  # nothing they may read

    client.force_login(personas.member)
    page = client.get(study_group).content.decode()
    assert draft_link in page and "Quotes unpublished minutes: participants only" in page
    assert reverse("portal:request_report", args=[personas.study_group.pk]) in page
    in_japanese = client.get(study_group, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "未公表の議事要旨を含む（関係者限り）" in in_japanese
    page = client.get(working_party).content.decode()
    assert published_link in page and "Quotes unpublished minutes" not in page
