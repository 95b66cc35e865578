"""Every list makes as many queries for 100 rows as for 10: no N+1 can creep in unseen."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.api.models import Tombstone
from apps.deliberation.models import Assignment, Issue, IssueStatement, Position
from apps.directory.models import Body, Membership, Organization, Person
from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Statement
from apps.minutes.models import Minutes, ReviewRequest, Suggestion
from apps.reports.models import GeneratedDocument
from tests.api.conftest import client_for, make_meeting
from tests.api.test_permissions import LISTS


def grow(personas, start: int, count: int) -> None:
    """`count` more rows of every kind; even ones published, odd ones in review."""
    for i in range(start, start + count):
        organization = Organization.objects.create(name=f"事業者{i}", kind=Organization.Kind.OPERATOR)
        person = Person.objects.create(family_name=f"委員{i}", organization=organization)
        body = Body.objects.create(name=f"タスクグループ{i}", kind=Body.Kind.TASK_GROUP, parent=personas.working_party)
        Membership.objects.create(person=person, body=personas.study_group, on_behalf_of=organization)
        status = Minutes.Status.PUBLISHED if i % 2 == 0 else Minutes.Status.IN_REVIEW
        # Published records are frozen (apps.minutes.guards): those minutes are published once the record is in.
        meeting = make_meeting(
            personas.study_group,
            100 + i,
            None if status == Minutes.Status.PUBLISHED else status,
            dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=7 * i),
        )
        Attendance.objects.create(meeting=meeting, category="member", person=person, organization=organization)
        item = AgendaItem.objects.create(meeting=meeting, order=1, title=f"議題{i}")
        material = Material.objects.create(meeting=meeting, label=f"資料{i}-1", submitter=organization)
        item.materials.add(material)
        statement = Statement.objects.create(
            agenda_item=item,
            order=1,
            speaker=person,
            speaker_organization=organization,
            speaker_label=f"委員{i}",
            text="発言",
        )
        Decision.objects.create(agenda_item=item, text="了承")
        if status == Minutes.Status.PUBLISHED:
            Minutes.objects.create(meeting=meeting, status=status, published_at=meeting.starts_at)
        issue = Issue.objects.create(body=personas.study_group, code=f"G-{i:03}", title=f"課題{i}", raised_in=meeting)
        IssueStatement.objects.create(issue=issue, statement=statement)
        position = Position.objects.create(issue=issue, organization=organization, meeting=meeting, stance="supports")
        position.statements.add(statement)
        Assignment.objects.create(issue=issue, task_group=body, assigned_in=meeting, due_on=dt.date(2021, 1, 1))
        if status == Minutes.Status.IN_REVIEW:
            review = ReviewRequest.objects.create(minutes=meeting.minutes, reviewer=person)
            Suggestion.objects.create(
                review_request=review, statement=statement, base_version=1, original_text="発言", proposed_text="発言。"
            )
        Tombstone.objects.create(resource="statements", object_id=10_000 + i)
        GeneratedDocument.objects.create(
            kind=GeneratedDocument.Kind.MINUTES_PDF, subject=meeting, inputs={"status": status}, content_hash=f"{i}"
        )


def _count_queries(client, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()


def _rows(body) -> int:
    if isinstance(body, list):  # an aggregate
        return len(body)
    if "results" in body:  # a page
        return len(body["results"])
    if "cells" in body:  # the stakeholder matrix
        return len(body["cells"])
    return len(body["by_task_group"])  # issue counts


@pytest.mark.parametrize("who", ["secretariat", "read_token"])
def test_lists_make_the_same_number_of_queries_for_10_and_100_rows(record, personas, django_assert_num_queries, who):
    client = client_for(personas.secretariat if who == "secretariat" else who, record)
    urls = [f"/api/v1/{endpoint}/?page_size=100" for endpoint in LISTS]
    urls.append(f"/api/v1/aggregates/stakeholder-matrix/?body={personas.study_group.pk}")
    grow(personas, 0, 10)
    client.get("/api/v1/bodies/")  # a token records its use once a minute: not part of any count
    counts = {}
    sizes = {}
    for url in urls:
        counts[url], body = _count_queries(client, url)
        sizes[url] = _rows(body)
    grow(personas, 10, 90)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            response = client.get(url)
        if who == "read_token" and "review-progress" in url:
            assert _rows(response.json()) == 0  # reviews are never shown to a read-only token
        else:
            assert _rows(response.json()) > sizes[url], url


def test_meeting_detail_queries_do_not_grow_with_its_record(record, personas, django_assert_num_queries):
    client = client_for(personas.secretariat)
    meeting = record.in_review  # a published record is frozen and cannot grow
    url = f"/api/v1/meetings/{meeting.pk}/"
    queries, _ = _count_queries(client, url)
    for order in range(2, 30):
        item = AgendaItem.objects.create(meeting=meeting, order=order, title=f"議題{order}")
        item.materials.add(Material.objects.create(meeting=meeting, label=f"資料7-{order}"))
        Decision.objects.create(agenda_item=item, text="了承")
        Attendance.objects.create(meeting=meeting, category="observer", organization=record.operator_org)
    with django_assert_num_queries(queries):
        assert len(client.get(url).json()["agenda_items"]) == 29
