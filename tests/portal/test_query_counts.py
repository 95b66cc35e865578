"""The record, review and management pages make as many queries for a long meeting as for a short one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Statement


def _grow(record, personas, items: int) -> None:
    for order in range(10, 10 + items):
        item = AgendaItem.objects.create(meeting=record.meeting, order=order, title=f"議題{order}")
        item.materials.add(Material.objects.create(meeting=record.meeting, label=f"資料6-{order}"))
        Decision.objects.create(agenda_item=item, text="了承")
        Attendance.objects.create(meeting=record.meeting, category="member", person=personas.operator.person)
        for n in range(3):
            Statement.objects.create(
                agenda_item=item, order=n, speaker=personas.member.person, speaker_label="藤井構成員", text="発言"
            )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_the_record(client, personas, site, django_assert_num_queries):
    record = site.draft
    urls = [
        (personas.member, reverse("portal:meeting", args=[record.meeting.pk])),
        (personas.member, reverse("portal:review", args=[site.member_review.pk])),
        (personas.secretariat, reverse("portal:manage", args=[record.meeting.pk])),
    ]
    before = {}
    for user, url in urls:
        client.force_login(user)
        before[url] = _queries(client, url)
    _grow(record, personas, 20)
    for user, url in urls:
        client.force_login(user)
        with django_assert_num_queries(before[url]):
            client.get(url)


def test_the_home_page_queries_do_not_grow_with_the_work_queue(client, personas, site):
    from apps.deliberation import services as deliberation
    from apps.meetings.models import Meeting
    from tests.minutes.record import build_record

    def grow(first: int) -> None:
        for number in range(first, first + 3):
            record = build_record(personas, number=number)
            Meeting.objects.filter(pk=record.meeting.pk).update(status=Meeting.Status.HELD)
            issue = deliberation.issue_create(body=personas.study_group, title=f"課題{number}", by=None)
            deliberation.assignment_create(issue=issue, task_group=personas.working_party, by=None)

    urls = [(user, reverse("portal:home")) for user in (personas.secretariat, personas.chair, personas.member)]
    grow(10)
    before = {}
    for user, url in urls:
        client.force_login(user)
        before[user.pk] = _queries(client, url)
    grow(20)
    for user, url in urls:
        client.force_login(user)
        assert _queries(client, url) == before[user.pk], user.username
