"""Database constraints express the rules: try to break each one."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from apps.deliberation.models import Issue
from apps.meetings.models import AgendaItem, Meeting, Statement
from apps.minutes.models import Minutes

TOKYO = dt.timezone(dt.timedelta(hours=9))


def _meeting(body, number=6, **fields):
    start = dt.datetime(2022, 12, 20, 15, 0, tzinfo=TOKYO)
    return Meeting.objects.create(
        body=body,
        number=number,
        title=f"第{number}回",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        **fields,
    )


def test_meeting_number_is_unique_per_body(personas):
    _meeting(personas.study_group)
    with pytest.raises(IntegrityError), transaction.atomic():
        _meeting(personas.study_group)
    _meeting(personas.working_party)  # the same number in another body is fine


def test_meeting_must_end_after_it_starts(personas):
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(body=personas.study_group, number=1, title="x", starts_at=start, ends_at=start)


def test_statement_order_is_unique_per_agenda_item(personas):
    item = AgendaItem.objects.create(meeting=_meeting(personas.study_group), order=1, title="議題")
    Statement.objects.create(agenda_item=item, order=1, speaker_label="相田座長", text="一")
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.create(agenda_item=item, order=1, speaker_label="藤井構成員", text="二")
        # The constraint is deferred to commit time (so rows can be reordered); check it now.
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_one_minutes_per_meeting(personas):
    meeting = _meeting(personas.study_group)
    Minutes.objects.create(meeting=meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.create(meeting=meeting)


def test_resolved_issue_needs_its_meeting(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(body=personas.study_group, code="I-001", title="IoT", status=Issue.Status.RESOLVED)


def test_statement_keeps_text_as_written_and_searches_normalized(personas):
    item = AgendaItem.objects.create(meeting=_meeting(personas.study_group), order=1, title="議題")
    statement = Statement.objects.create(
        agenda_item=item, order=1, speaker_label="ＮＴＴドコモ（小林）", text="ＮＴＴの料金"
    )
    assert statement.text == "ＮＴＴの料金"
    assert statement.text_normalized == "NTTの料金"
