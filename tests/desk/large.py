"""A meeting ten times the reference: 40 attendees, 10 agenda items, 400 statements (tests and bench)."""

import datetime as dt

from django.contrib.auth.models import User

from apps.directory.models import Body, Membership, Person
from apps.meetings import services
from apps.meetings.models import AgendaItem, Decision, Material, Meeting, Statement

TOKYO = dt.timezone(dt.timedelta(hours=9))
ATTENDEES = 40
ITEMS = 10
STATEMENTS = 400


def large_meeting(body: Body, by: User, number: int = 7) -> Meeting:
    for n in range(ATTENDEES - Membership.objects.filter(body=body, end__isnull=True).count()):
        person = Person.objects.create(
            family_name=f"構成員{n:02d}", given_name="太郎", name_kana=f"こうせいいん{n:02d}"
        )
        Membership.objects.create(person=person, body=body, role=Membership.Role.MEMBER)
    start = dt.datetime(2023, 1, 24, 10, 0, tzinfo=TOKYO)
    meeting = services.meeting_create(
        body=body,
        number=number,
        title="",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        add_members=True,
        by=by,
    )
    statements = []
    for order in range(1, ITEMS + 1):
        item = AgendaItem.objects.create(meeting=meeting, order=order, title=f"議題{order}")
        item.materials.add(
            Material.objects.create(meeting=meeting, label=f"資料{number}-{order}", sort_key=f"{order:04d}")
        )
        Decision.objects.create(agenda_item=item, text="了承")
        statements += [
            Statement(agenda_item=item, order=n, speaker_label="構成員00構成員", text="発言の本文です。" * 20)
            for n in range(1, STATEMENTS // ITEMS + 1)
        ]
    Statement.objects.bulk_create(statements)
    return meeting
