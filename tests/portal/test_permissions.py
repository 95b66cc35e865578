"""Who sees what: one table of (role, page, expected status) over every portal page."""

import pytest
from django.urls import reverse

ROLES = ["anonymous", "observer", "outsider", "member", "operator", "chair", "secretariat"]


def _pages(site):
    draft, published, elsewhere = site.draft, site.published, site.elsewhere
    return {
        "home": reverse("portal:home"),
        "login": reverse("portal:login"),
        "my_reviews": reverse("portal:my_reviews"),
        "review": reverse("portal:review", args=[site.member_review.pk]),
        "body": reverse("portal:body", args=[draft.meeting.body_id]),
        "meeting_draft": reverse("portal:meeting", args=[draft.meeting.pk]),
        "meeting_published": reverse("portal:meeting", args=[published.meeting.pk]),
        "meeting_elsewhere": reverse("portal:meeting", args=[elsewhere.meeting.pk]),
        "history_draft": reverse("portal:meeting_history", args=[draft.meeting.pk]),
        "history_published": reverse("portal:meeting_history", args=[published.meeting.pk]),
        "manage_draft": reverse("portal:manage", args=[draft.meeting.pk]),
        "manage_published": reverse("portal:manage", args=[published.meeting.pk]),
        "manage_elsewhere": reverse("portal:manage", args=[elsewhere.meeting.pk]),
        "edit_statement": reverse("portal:edit_statement", args=[draft.member_statement.pk]),
        "edit_statement_elsewhere": reverse("portal:edit_statement", args=[elsewhere.member_statement.pk]),
        "notifications": reverse("portal:notifications"),
        "notification_settings": reverse("portal:notification_settings"),
    }


# Columns follow ROLES: anonymous, observer, outsider, member, operator, chair, secretariat.
# 302: log in first; 404: the user may not know it exists (drafts); 403: may see, may not act.
GET_TABLE = {
    "home": [200, 200, 200, 200, 200, 200, 200],
    "login": [200, 302, 302, 302, 302, 302, 302],
    "my_reviews": [302, 200, 200, 200, 200, 200, 200],
    "review": [302, 404, 404, 200, 404, 404, 200],
    "body": [200, 200, 200, 200, 200, 200, 200],
    "meeting_draft": [404, 404, 404, 200, 200, 200, 200],
    "meeting_published": [200, 200, 200, 200, 200, 200, 200],
    "meeting_elsewhere": [404, 404, 200, 404, 404, 404, 404],
    "history_draft": [404, 404, 404, 200, 200, 200, 200],
    "history_published": [404, 404, 404, 200, 200, 200, 200],
    "manage_draft": [302, 404, 404, 403, 403, 403, 200],
    "manage_published": [302, 403, 403, 403, 403, 403, 200],
    "manage_elsewhere": [302, 404, 403, 404, 404, 404, 404],
    "edit_statement": [302, 404, 404, 403, 403, 403, 200],
    "edit_statement_elsewhere": [302, 404, 403, 404, 404, 404, 404],
    "notifications": [302, 200, 200, 200, 200, 200, 200],
    "notification_settings": [302, 200, 200, 200, 200, 200, 200],
}

CASES = [(role, page, row[i]) for page, row in GET_TABLE.items() for i, role in enumerate(ROLES)]


def _login(client, personas, role):
    if role != "anonymous":
        client.force_login(getattr(personas, role))


@pytest.mark.parametrize(("role", "page", "expected"), CASES, ids=[f"{r}-{p}" for r, p, _ in CASES])
def test_get(client, personas, site, role, page, expected):
    _login(client, personas, role)
    response = client.get(_pages(site)[page])
    assert response.status_code == expected, f"{role} GET {page}"


def test_the_table_covers_every_portal_page(site):
    from apps.portal.urls import urlpatterns

    get_pages = {"home", "login", "my_reviews", "review", "body", "meeting", "meeting_history", "manage"}
    get_pages |= {"edit_statement", "notifications", "notification_settings"}
    actions = {name for name, *_ in POST_TABLE}
    names = {pattern.name for pattern in urlpatterns}
    assert names - {"logout"} <= get_pages | actions | EXTRA_PAGES


def _post_urls(site):
    draft, published = site.draft, site.published
    suggestion_pk = site.suggestion.pk
    return {
        "review_approve_all": reverse("portal:review_approve_all", args=[site.member_review.pk]),
        "review_approve_statement": reverse(
            "portal:review_approve_statement", args=[site.member_review.pk, draft.member_statement.pk]
        ),
        "review_suggest": reverse("portal:review_suggest", args=[site.member_review.pk, draft.member_statement.pk]),
        "send_for_review": reverse("portal:send_for_review", args=[site.elsewhere.meeting.pk]),
        "approve": reverse("portal:approve", args=[draft.meeting.pk]),
        "publish": reverse("portal:publish", args=[draft.meeting.pk]),
        "add_erratum": reverse("portal:add_erratum", args=[published.meeting.pk]),
        "accept_suggestion": reverse("portal:accept_suggestion", args=[suggestion_pk]),
        "record_approvals": reverse("portal:record_approvals", args=[draft.meeting.pk]),
        "notification_open": reverse("portal:notification_open", args=[site.chair_notification.pk]),
        "notifications_read_all": reverse("portal:notifications_read_all"),
        "request_pdf": reverse("portal:request_pdf", args=[draft.meeting.pk]),
        "request_report": reverse("portal:request_report", args=[draft.meeting.body_id]),
        "reject_suggestion": reverse("portal:reject_suggestion", args=[suggestion_pk]),
    }


# Refusals only (the successful paths are in test_workflow): who is stopped, and how.
POST_TABLE = [
    ("review_approve_all", "anonymous", 302),
    ("review_approve_all", "operator", 404),
    ("review_approve_all", "outsider", 404),
    ("review_approve_statement", "chair", 404),
    ("review_suggest", "observer", 404),
    ("review_approve_all", "secretariat", 403),  # sees the review, may not answer it
    ("send_for_review", "member", 404),
    ("send_for_review", "secretariat", 404),  # another body's draft
    ("approve", "member", 403),
    ("approve", "observer", 404),
    ("publish", "chair", 403),
    ("publish", "anonymous", 302),
    ("add_erratum", "member", 403),
    ("add_erratum", "observer", 403),
    ("accept_suggestion", "member", 403),
    ("reject_suggestion", "chair", 403),
    ("accept_suggestion", "outsider", 404),
    ("record_approvals", "member", 403),
    ("record_approvals", "chair", 403),
    ("record_approvals", "observer", 404),
    ("notification_open", "member", 404),  # another user's notification
    ("notification_open", "anonymous", 302),
    ("notifications_read_all", "anonymous", 302),
    ("request_pdf", "anonymous", 404),  # a draft's PDF
    ("request_pdf", "observer", 404),
    ("request_report", "anonymous", 403),  # asking for a progress report is for participants,
    ("request_report", "observer", 403),  # although they may read the published ones
    ("request_report", "outsider", 403),
]
EXTRA_PAGES: set[str] = set()


@pytest.fixture
def site_with_suggestion(site, personas):
    from apps.minutes import services

    site.suggestion = services.suggestion_propose(
        review_request=site.member_review,
        statement=site.draft.member_statement,
        proposed_text="修正案。",
        base_version=site.draft.member_statement.version,
        by=personas.member,
    )
    site.chair_notification = _notification_for(personas.chair, site)
    return site


def _notification_for(user, site):
    from apps.notifications.models import Kind
    from apps.notifications.services import Event, notifications_create

    event = Event(kind=Kind.MINUTES_APPROVED, subject=site.draft.minutes, url="/", params={"meeting": "x"})
    return notifications_create(event=event, recipients=[user])[0]


@pytest.mark.parametrize(("action", "role", "expected"), POST_TABLE, ids=[f"{r}-{a}" for a, r, _ in POST_TABLE])
def test_post_refusals(client, personas, site_with_suggestion, action, role, expected):
    _login(client, personas, role)
    before = site_with_suggestion.draft.minutes.history.count()
    response = client.post(_post_urls(site_with_suggestion)[action], {"due_on": "2099-01-01", "correct_text": "x"})
    assert response.status_code == expected, f"{role} POST {action}"
    assert site_with_suggestion.draft.minutes.history.count() == before


@pytest.fixture
def reports(site, personas):
    """A progress report on published minutes only (the working party's), and one that also
    draws on the study group's minutes under review."""
    from apps.reports.models import GeneratedDocument
    from apps.reports.services import document_request
    from tests.minutes.record import build_record
    from tests.portal.conftest import publish

    publish(build_record(personas, number=1, body=personas.working_party), personas)
    kind = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
    return {
        "report_published": document_request(kind=kind, subject=personas.working_party, by=None),
        "report_draft": document_request(kind=kind, subject=personas.study_group, by=None),
    }


# The reports app's job view, which checks what the download view checks (apps.reports.views).
REPORT_TABLE = {
    "report_published": [200, 200, 200, 200, 200, 200, 200],
    "report_draft": [404, 404, 404, 200, 200, 200, 200],
}
REPORT_CASES = [(role, report, row[i]) for report, row in REPORT_TABLE.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("role", "report", "expected"), REPORT_CASES, ids=[f"{r}-{p}" for r, p, _ in REPORT_CASES])
def test_get_report(client, personas, reports, role, report, expected):
    _login(client, personas, role)
    response = client.get(reverse("reports:status", args=[reports[report].pk]))
    assert response.status_code == expected, f"{role} GET {report}"
