"""A small record for the API tests: meetings with published and unpublished minutes in the
personas' bodies, an issue register around them, and dashboard tokens."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from apps.api.models import DashboardToken
from apps.deliberation.models import Assignment, Issue, IssueStatement, Position
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement
from apps.minutes.models import Minutes, ReviewRequest

TOKYO = ZoneInfo("Asia/Tokyo")


@dataclass
class Record:
    published: Meeting  # study group, minutes published
    in_review: Meeting  # study group, minutes in review
    other: Meeting  # another body, draft minutes
    statement: Statement  # in the published meeting
    draft_statement: Statement  # in the meeting under review
    other_statement: Statement
    material: Material
    decision: Decision
    public_issue: Issue  # raised in the published meeting
    draft_issue: Issue  # raised in the meeting under review
    other_issue: Issue
    assignment: Assignment  # overdue
    position: Position
    tagging: IssueStatement
    read_token: str  # read-only, study group (and its working party)
    write_token: str  # may write, study group
    other_token: str  # read-only, the other body
    operator_org: Organization


def make_meeting(body: Body, number: int, minutes_status: str | None, when: dt.datetime | None = None) -> Meeting:
    starts_at = when or dt.datetime(2022, 12, 20, 10, 0, tzinfo=TOKYO) + dt.timedelta(days=30 * number)
    meeting = Meeting.objects.create(
        body=body, number=number, title=f"{body.name}（第{number}回）", starts_at=starts_at
    )
    if minutes_status:
        Minutes.objects.create(
            meeting=meeting,
            status=minutes_status,
            published_at=timezone.now() if minutes_status == Minutes.Status.PUBLISHED else None,
        )
    return meeting


def make_statement(meeting: Meeting, order: int, text: str, organization: Organization | None = None) -> Statement:
    item, _ = AgendaItem.objects.get_or_create(meeting=meeting, order=1, defaults={"title": "意見交換"})
    return Statement.objects.create(
        agenda_item=item,
        order=order,
        speaker_label="ＮＴＴドコモ（小林）",
        text=text,
        speaker_organization=organization,
    )


def make_token(name: str, body: Body, *, can_write: bool = False, issuer: User | None = None) -> str:
    """A token issued by `issuer`, or by an administrator who runs every body."""
    if issuer is None:
        issuer = User.objects.filter(username="token-issuer").first() or User.objects.create_superuser(
            "token-issuer", "token-issuer@example.jp", None
        )
    token = DashboardToken(name=name, can_write=can_write, created_by=issuer)
    raw = token.set_new_key()
    token.save()
    token.bodies.set([body])
    return raw


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def record(personas) -> Record:
    operator_org = Organization.objects.get(name="株式会社NTTドコモ")
    published = make_meeting(personas.study_group, 6, None)  # published below, once its record is complete
    in_review = make_meeting(personas.study_group, 7, Minutes.Status.IN_REVIEW)
    other = make_meeting(personas.other_body, 1, Minutes.Status.DRAFT)
    Attendance.objects.create(meeting=published, category="member", person=Person.objects.get(family_name="相田"))
    material = Material.objects.create(meeting=published, label="資料6-1", sort_key="6-1", title="検討状況")
    statement = make_statement(published, 1, "ＩｏＴ機器の優先度を検討すべき。", operator_org)
    AgendaItem.objects.get(meeting=published).materials.add(material)
    decision = Decision.objects.create(agenda_item=statement.agenda_item, text="報告書案を了承した。")
    # Published records are frozen (apps.minutes.guards), so the minutes are published last.
    Minutes.objects.create(meeting=published, status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    draft_statement = make_statement(in_review, 1, "未公開の発言。", operator_org)
    other_statement = make_statement(other, 1, "他の会議体の発言。")
    public_issue = Issue.objects.create(body=personas.study_group, code="I-001", title="IoT優先度", raised_in=published)
    draft_issue = Issue.objects.create(
        body=personas.study_group, code="I-002", title="未公開の課題", raised_in=in_review
    )
    other_issue = Issue.objects.create(body=personas.other_body, code="X-001", title="他の課題", raised_in=other)
    assignment = Assignment.objects.create(
        issue=public_issue, task_group=personas.working_party, assigned_in=published, due_on=dt.date(2023, 3, 31)
    )
    position = Position.objects.create(
        issue=public_issue, organization=operator_org, meeting=published, stance="supports"
    )
    position.statements.add(statement)
    tagging = IssueStatement.objects.create(issue=public_issue, statement=statement)
    reviewer = Person.objects.get(family_name="藤井")
    ReviewRequest.objects.create(minutes=in_review.minutes, reviewer=reviewer)
    return Record(
        published=published,
        in_review=in_review,
        other=other,
        statement=statement,
        draft_statement=draft_statement,
        other_statement=other_statement,
        material=material,
        decision=decision,
        public_issue=public_issue,
        draft_issue=draft_issue,
        other_issue=other_issue,
        assignment=assignment,
        position=position,
        tagging=tagging,
        read_token=make_token("dashboard", personas.study_group),
        write_token=make_token("integration", personas.study_group, can_write=True),
        other_token=make_token("other dashboard", personas.other_body),
        operator_org=operator_org,
    )


def client_for(who, record: Record | None = None) -> APIClient:
    """An API client acting as a user, as a token (given by its attribute name on the record),
    or anonymously (None)."""
    client = APIClient()
    if isinstance(who, str):
        client.credentials(HTTP_AUTHORIZATION=f"Token {getattr(record, who)}")
    elif who is not None:
        client.force_login(who)
    return client
