"""Who may read a progress report: whoever reads published minutes, once it draws on nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from apps.access.documents import can_download, can_request, visible_documents
from apps.deliberation.models import Issue, IssueStatus, Position, ProgressNote
from apps.minutes.models import Minutes
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_render, document_request
from tests.api.conftest import make_meeting, make_statement

pytestmark = pytest.mark.django_db

REPORT = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
PUBLISHED = Minutes.Status.PUBLISHED


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def issue(personas) -> Issue:
    """An issue of the working party raised in its first meeting, whose minutes are published,
    with a stance quoting a statement of that meeting and a progress note."""
    meeting = make_meeting(personas.working_party, 1, None)
    statement = make_statement(meeting, 1, "IoT端末の優先を検討すべき。")
    Minutes.objects.create(meeting=meeting, status=PUBLISHED, published_at=timezone.now())
    issue = Issue.objects.create(body=personas.working_party, code="W-001", title="IoT優先度", raised_in=meeting)
    position = Position.objects.create(
        issue=issue, organization=personas.ministry, meeting=meeting, stance=Position.Stance.CONSIDERING
    )
    position.statements.add(statement)
    ProgressNote.objects.create(issue=issue, meeting=meeting, text="作業班で検討する。", status_after=IssueStatus.OPEN)
    return issue


def readers(personas):
    """Who reads published minutes only, and who reads the body's drafts."""
    return [AnonymousUser(), personas.observer, personas.outsider], [personas.member, personas.secretariat]


def visible(user, document) -> bool:
    return visible_documents(user, GeneratedDocument.objects.all()).filter(pk=document.pk).exists()


def test_a_report_on_published_minutes_only_is_read_like_published_minutes(personas, issue):
    document = document_request(kind=REPORT, subject=personas.working_party, by=None)
    assert document.inputs["published_only"] is True
    public, participants = readers(personas)
    for user in public + participants:
        assert can_download(user, document) and visible(user, document), user


def _draft_meeting(personas):
    return make_meeting(personas.other_body, 1, Minutes.Status.DRAFT)


# Each case ties the report to unpublished minutes along one path of the snapshot.
UNPUBLISHED_SOURCES = {
    "a meeting in review": lambda personas, issue: make_meeting(personas.working_party, 2, Minutes.Status.IN_REVIEW),
    "a meeting without minutes": lambda personas, issue: make_meeting(personas.working_party, 2, None),
    "an issue raised outside any meeting": lambda personas, issue: Issue.objects.create(
        body=personas.working_party, code="W-002", title="会議外で登録した課題"
    ),
    "a stance taken in draft minutes": lambda personas, issue: Position.objects.create(
        issue=issue, organization=personas.ministry, meeting=_draft_meeting(personas), stance=Position.Stance.SUPPORTS
    ),
    "a statement quoted from draft minutes": lambda personas, issue: issue.positions.get().statements.add(
        make_statement(_draft_meeting(personas), 1, "未公表の発言。")
    ),
    "a note on a meeting in draft": lambda personas, issue: ProgressNote.objects.create(
        issue=issue, meeting=_draft_meeting(personas), text="未公表の経過。", status_after=IssueStatus.OPEN
    ),
    "resolved in a meeting in draft": lambda personas, issue: Issue.objects.filter(pk=issue.pk).update(
        resolved_in=_draft_meeting(personas)
    ),
}


@pytest.mark.parametrize("source", UNPUBLISHED_SOURCES)
def test_a_report_drawing_on_unpublished_minutes_stays_with_the_participants(personas, issue, source):
    UNPUBLISHED_SOURCES[source](personas, issue)
    document = document_request(kind=REPORT, subject=personas.working_party, by=None)
    assert document.inputs["published_only"] is False
    public, participants = readers(personas)
    for user in public:
        assert not can_download(user, document) and not visible(user, document), user
    for user in participants:
        assert can_download(user, document) and visible(user, document), user


def test_a_report_built_before_publication_stays_restricted_after_it(personas, issue):
    in_review = make_meeting(personas.working_party, 2, Minutes.Status.IN_REVIEW)
    before = document_request(kind=REPORT, subject=personas.working_party, by=None)
    Minutes.objects.filter(meeting=in_review).update(status=PUBLISHED, published_at=timezone.now())
    after = document_request(kind=REPORT, subject=personas.working_party, by=None)
    assert after.pk != before.pk  # the same text, but no longer drawn from unpublished minutes
    assert not can_download(personas.observer, before)
    assert can_download(personas.observer, after)


def test_only_the_participants_may_request_a_report_even_of_published_minutes(personas, issue):
    body = personas.working_party
    public, participants = readers(personas)
    for user in public:
        assert not can_request(user, REPORT, body), user
    for user in public[1:]:
        with pytest.raises(PermissionDenied):
            document_request(kind=REPORT, subject=body, by=user)
    assert all(can_request(user, REPORT, body) for user in participants)
    assert not GeneratedDocument.objects.exists()


def test_a_visitor_downloads_the_published_report_but_not_the_other(client, personas, issue):
    published = document_request(kind=REPORT, subject=personas.working_party, by=None)
    make_meeting(personas.study_group, 7, Minutes.Status.IN_REVIEW)
    restricted = document_request(kind=REPORT, subject=personas.study_group, by=None)
    for document in (published, restricted):
        document_render(document_id=document.pk)
    assert client.get(reverse("reports:download", args=[published.pk])).status_code == 200
    assert client.get(reverse("reports:status", args=[published.pk])).json()["status"] == "done"
    client.force_login(personas.observer)
    assert client.get(reverse("reports:download", args=[published.pk])).status_code == 200
    assert client.get(reverse("reports:download", args=[restricted.pk])).status_code == 404
    assert client.get(reverse("reports:status", args=[restricted.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("reports:download", args=[restricted.pk])).status_code == 404
