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
