"""The home page per role, bulk approvals, confirmations, body pages, error pages and links."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.deliberation import services as deliberation
from apps.directory.models import Person
from apps.importer.models import ImportRun
from apps.meetings.models import Meeting, Statement
from apps.minutes import services
from apps.minutes.models import Minutes, ReviewRequest
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request
from tests.minutes.record import build_record

from .conftest import send


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_secretariat_home_is_a_work_queue(client, personas, site):
    services.suggestion_propose(
        review_request=site.member_review,
        statement=site.draft.member_statement,
        proposed_text="修正案。",
        base_version=site.draft.member_statement.version,
        by=personas.member,
    )
    unsent = build_record(personas, number=7)
    Meeting.objects.filter(pk=unsent.meeting.pk).update(status=Meeting.Status.HELD)
    issue = deliberation.issue_create(body=personas.study_group, title="期限切れの課題", by=None)
    deliberation.assignment_create(issue=issue, task_group=personas.working_party, due_on=timezone.localdate(), by=None)
    issue.assignments.update(due_on=timezone.localdate() - dt.timedelta(days=3))
    page = _page(client, personas.secretariat, reverse("portal:home"))
    queue = page.split('id="secretariat-queue"')[1].split("</section>")[0]
    total = site.draft.minutes.review_requests.count()
    assert f"0/{total}" in queue.split('id="queue-reviews"')[1]  # n/m approved, with the due date
    assert "令和" in queue.split('id="queue-reviews"')[1]
    assert "#suggestion-" in queue.split('id="queue-corrections"')[1]
    assert unsent.meeting.title in queue.split('id="queue-drafts"')[1]
    assert "期限切れの課題" in queue.split('id="queue-overdue"')[1]


def test_imports_waiting_for_review_are_in_the_queue_of_their_bodys_secretariat(client, personas, db):
    def run(body, status, filename):
        return ImportRun.objects.create(
            body=body, batch=uuid.uuid4(), filename=filename, sha256="0" * 64, size=1, status=status
        )

    waiting = run(personas.study_group, ImportRun.Status.PARSED, "第7回議事要旨.txt")
    run(personas.study_group, ImportRun.Status.COMMITTED, "第6回議事要旨.txt")
    run(personas.other_body, ImportRun.Status.PARSED, "他の会議体.txt")
    queue = _page(client, personas.secretariat, reverse("portal:home")).split('id="queue-imports"')[1]
    queue = queue.split("</div>")[0]
    assert reverse("desk:import", args=[waiting.pk]) in queue
    assert "第6回議事要旨.txt" not in queue and "他の会議体.txt" not in queue


def test_other_roles_get_no_work_queue_but_their_own_desk(client, personas, site):
    member = _page(client, personas.member, reverse("portal:home"))
    assert 'id="secretariat-queue"' not in member
    assert reverse("portal:review", args=[site.member_review.pk]) in member.split('id="member-desk"')[1]
    chair = _page(client, personas.chair, reverse("portal:home"))
    assert 'id="chair-desk"' in chair and site.draft.meeting.title in chair.split('id="chair-desk"')[1]
    client.logout()
    public = client.get(reverse("portal:home")).content.decode()
    assert 'id="secretariat-queue"' not in public and 'id="chair-desk"' not in public
    assert site.published.meeting.title in public.split('id="publications"')[1]


def test_bodies_are_shown_as_a_tree(client, personas, db):
    page = client.get(reverse("portal:home")).content.decode()
    tree = page.split('id="bodies"')[1]
    parent_at = tree.index(personas.study_group.name)
    child_at = tree.index(personas.working_party.name)
    assert parent_at < child_at  # the parent first, its working party under it
    assert f'class="depth-1"><a href="{reverse("portal:body", args=[personas.working_party.pk])}"' in tree


def test_bulk_approval_records_many_reviews_in_one_step_with_a_progress_summary(client, personas, site):
    reviews = list(site.draft.minutes.review_requests.exclude(reviewer__user=personas.member))
    client.force_login(personas.secretariat)
    url = reverse("portal:record_approvals", args=[site.draft.meeting.pk])
    response = client.post(url, {"review": [r.pk for r in reviews]}, follow=True)
    total = site.draft.minutes.review_requests.count()
    assert all(ReviewRequest.objects.get(pk=r.pk).status == "approved" for r in reviews)
    assert f"{len(reviews)}/{total}" in response.content.decode()
    assert f"{len(reviews)} approvals recorded" in response.content.decode()


def test_sending_for_review_lists_the_reviewers_without_an_account(client, personas, db):
    record = build_record(personas)
    nobody = Person.objects.create(family_name="長谷川")
    Statement.objects.filter(pk=record.anonymous_statement.pk).update(speaker=nobody)
    client.force_login(personas.secretariat)
    due = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = client.post(reverse("portal:send_for_review", args=[record.meeting.pk]), {"due_on": due}, follow=True)
    page = response.content.decode()
    assert "each speaker was notified" not in page
    assert "Sent for review to 4 reviewers: 3 notified in the portal" in page
    assert "1 have no portal account and were not notified" in page and "長谷川" in page
    assert "長谷川" in page.split('id="unreachable"')[1]


def test_publishing_asks_for_confirmation_first(client, personas, site):
    record = site.draft
    for request in record.minutes.review_requests.select_related("reviewer__user"):
        services.review_approve_all(review_request=request, by=request.reviewer.user)
    services.minutes_approve(minutes=record.minutes, by=personas.secretariat)
    client.force_login(personas.secretariat)
    url = reverse("portal:publish", args=[record.meeting.pk])
    asked = client.post(url)
    assert asked.status_code == 200 and 'id="confirm-yes"' in asked.content.decode()
    assert Minutes.objects.get(pk=record.minutes.pk).status == Minutes.Status.APPROVED
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    assert Minutes.objects.get(pk=record.minutes.pk).status == Minutes.Status.PUBLISHED


def test_approve_all_asks_the_reviewer_first(client, personas, site):
    client.force_login(personas.member)
    url = reverse("portal:review_approve_all", args=[site.member_review.pk])
    assert 'id="confirm-yes"' in client.post(url).content.decode()
    assert ReviewRequest.objects.get(pk=site.member_review.pk).status == "pending"
    client.post(url, {"confirmed": "1"})
    assert ReviewRequest.objects.get(pk=site.member_review.pk).status == "approved"


def test_a_body_page_lists_the_issues_assigned_to_it(client, personas, db):
    issue = deliberation.issue_create(body=personas.study_group, title="作業班への付託課題", by=None)
    deliberation.assignment_create(issue=issue, task_group=personas.working_party, by=None)
    page = _page(client, personas.member, reverse("portal:body", args=[personas.working_party.pk]))
    issues = page.split('id="body-issues"')[1].split("</ul>")[0]
    assert "作業班への付託課題" in issues and "assigned by" in issues


def test_the_body_page_draws_the_status_chart_with_counts(client, personas, site, django_capture_on_commit_callbacks):
    meeting = site.draft.meeting
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    for n in range(3):
        deliberation.issue_create(body=personas.study_group, title=f"課題{n}", raised_in=meeting, by=None)
    page = _page(client, personas.member, reverse("portal:body", args=[personas.study_group.pk]))
    assert 'id="status-chart"' not in page  # no report yet: nothing to draw from
    with django_capture_on_commit_callbacks(execute=True):  # the job renders in-process after its commit
        document_request(kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF, subject=personas.study_group, by=None)
    page = _page(client, personas.member, reverse("portal:body", args=[personas.study_group.pk]))
    chart = page.split('id="status-chart"')[1].split("</figure>")[0]
    assert "<svg" in chart and "<rect" in chart and "#D55E00" in chart  # Okabe–Ito vermillion: open
    assert "Open <strong>3</strong>" in chart


def test_custom_error_pages(client, personas, site):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and 'id="error-404"' in missing.content.decode()
    client.force_login(personas.member)
    refused = client.get(reverse("portal:manage", args=[site.draft.meeting.pk]))
    assert refused.status_code == 403 and 'id="error-403"' in refused.content.decode()


def test_published_minutes_link_the_confirming_meeting_only_for_those_who_may_open_it(client, personas, db):
    earlier = build_record(personas, number=5)
    later = build_record(personas, number=6)
    send(earlier, personas)
    for request in earlier.minutes.review_requests.select_related("reviewer__user"):
        services.review_approve_all(review_request=request, by=request.reviewer.user)
    services.minutes_approve(minutes=earlier.minutes, approved_in=later.meeting, by=personas.secretariat)
    services.minutes_publish(minutes=earlier.minutes, by=personas.secretariat)
    url = reverse("portal:meeting", args=[earlier.meeting.pk])
    link = f'href="{reverse("portal:meeting", args=[later.meeting.pk])}"'
    public = client.get(url).content.decode()
    assert later.meeting.title in public and link not in public
    assert link in _page(client, personas.member, url)


def test_history_reads_as_sentences_with_names_and_era_dates(client, personas, site):
    page = _page(client, personas.secretariat, reverse("portal:meeting_history", args=[site.draft.meeting.pk]))
    timeline = page.split('id="timeline"')[1]
    assert "The minutes were sent to the speakers for review." in timeline
    assert "藤井 was asked to review their statements." in timeline
    assert "令和" in timeline and "事務局" in timeline  # the secretariat's name, not a username
    assert "#" not in timeline.split("</ol>")[0]


def test_search_results_link_the_statement_in_its_meeting(client, personas, site):
    statement = site.published.member_statement
    word = statement.text[:4]
    page = client.get(reverse("register:search"), {"q": word}).content.decode()
    results = page.split('id="results"')[1]
    anchor = reverse("portal:meeting", args=[site.published.meeting.pk]) + f"#statement-{statement.pk}"
    assert anchor in results and statement.speaker_label in results and "令和" in results
    assert "<details" in page and '<details class="filters" open' not in page


def test_every_page_has_the_search_in_its_header(client, personas, site):
    for url in (reverse("portal:home"), reverse("portal:body", args=[personas.study_group.pk])):
        assert 'role="search"' in client.get(url).content.decode()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_register_labels_are_in_one_language(client, personas, site, language):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.get(reverse("register:register", args=[personas.study_group.pk])).content.decode()
    if language == "ja":
        assert "検討課題一覧" in page and "Issue register" not in page and "検討課題一覧 / " not in page
    else:
        assert "Issue register" in page and "検討課題一覧" not in page and "状態" not in page
