"""The editor page and each save make a fixed number of queries, whatever the meeting's size."""

from django.urls import reverse

from apps.meetings.models import AgendaItem, Attendance, Statement
from tests.desk.large import ATTENDEES, STATEMENTS, large_meeting

EDITOR_PAGE_QUERIES = 13
STATEMENT_SAVE_QUERIES = 16


def test_the_editor_of_a_meeting_ten_times_the_reference(htmx, personas, django_assert_max_num_queries):
    meeting = large_meeting(personas.study_group, personas.secretariat)
    assert Attendance.objects.filter(meeting=meeting).count() == ATTENDEES
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == STATEMENTS
    htmx.force_login(personas.secretariat)
    with django_assert_max_num_queries(EDITOR_PAGE_QUERIES):
        page = htmx.get(reverse("desk:edit", args=[meeting.pk]))
    assert page.status_code == 200 and page.content.decode().count('class="statement-row') == STATEMENTS

    item = AgendaItem.objects.filter(meeting=meeting).order_by("order").last()
    url = reverse("desk:statement_add", args=[item.pk])
    with django_assert_max_num_queries(STATEMENT_SAVE_QUERIES):
        saved = htmx.post(url, {"speaker_label": "相田座長", "kind": "remark", "text": "次の議題に移ります。"})
    assert saved.status_code == 200
    statement = item.statements.get(text="次の議題に移ります。")
    edit = reverse("desk:statement", args=[statement.pk])
    with django_assert_max_num_queries(STATEMENT_SAVE_QUERIES):
        edited = htmx.post(
            edit, {"speaker_label": "相田座長", "kind": "remark", "text": "移ります。", "base_version": 1}
        )
    assert edited.status_code == 200
