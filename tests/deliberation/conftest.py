"""A small record of meetings and statements to build issues on."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from apps.directory.models import Body, Organization
from apps.meetings.models import AgendaItem, Meeting, Statement

TOKYO = ZoneInfo("Asia/Tokyo")


class Record:
    """Makes meetings of a body (one agenda item each) and statements in them."""

    def meeting(self, body: Body, number: int, status: str = Meeting.Status.HELD) -> Meeting:
        meeting = Meeting.objects.create(
            body=body,
            number=number,
            title=f"{body.name}（第{number}回）",
            starts_at=datetime(2022, 1, 1, 15, 0, tzinfo=TOKYO) + timedelta(days=30 * number),
            status=status,
        )
        AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
        return meeting

    def publish(self, meeting: Meeting) -> None:
        """Mark the meeting's minutes published (after its statements: published records are frozen)."""
        from apps.minutes.models import Minutes

        Minutes.objects.update_or_create(
            meeting=meeting, defaults={"status": Minutes.Status.PUBLISHED, "published_at": meeting.starts_at}
        )

    def organization(self, name: str, kind: str = Organization.Kind.OPERATOR) -> Organization:
        return Organization.objects.get_or_create(name=name, defaults={"kind": kind})[0]

    def statement(self, meeting: Meeting, text: str, label: str = "藤井構成員", **fields) -> Statement:
        agenda_item = meeting.agenda_items.get(order=1)
        order = agenda_item.statements.count() + 1
        return Statement.objects.create(agenda_item=agenda_item, order=order, speaker_label=label, text=text, **fields)


@pytest.fixture
def record(db) -> Record:
    return Record()


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are matched in English here; pages and one test check the Japanese."""
    with translation.override("en"):
        yield
