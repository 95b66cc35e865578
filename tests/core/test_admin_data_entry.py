"""The secretariat enters a meeting in the admin; bad input is refused on the field."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.urls import reverse

from apps.meetings.models import AgendaItem, Attendance, Meeting, Statement

TOKYO = dt.timezone(dt.timedelta(hours=9))
MANAGEMENT_FIELD = re.compile(r'name="([^"]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d+)"')


@pytest.fixture
def admin_client(client, personas):
    client.force_login(User.objects.create_superuser("admin", "admin@example.jp", "x"))
    return client


@pytest.fixture
def meeting(personas):
    meeting = Meeting.objects.create(
        body=personas.study_group,
        number=6,
        title="非常時における事業者間ローミング等に関する検討会（第６回）",
        starts_at=dt.datetime(2022, 12, 20, 15, 0, tzinfo=TOKYO),
        ends_at=dt.datetime(2022, 12, 20, 16, 57, tzinfo=TOKYO),
    )
    Attendance.objects.create(
        meeting=meeting, order=1, category="member", person=personas.chair.person, role_label="座長"
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, number_label="(2)", title="第１次報告書のとりまとめ")
    Statement.objects.create(
        agenda_item=item, order=1, speaker_label="ＮＴＴドコモ（小林）", text="補足させていただきます。"
    )
    Statement.objects.create(
        agenda_item=item, order=2, speaker_label="藤井構成員", text="どのような扱いなのでしょうか。"
    )
    return meeting


def _meeting_form(client, body, **overrides) -> dict:
    """The admin's add-meeting form for a valid 第７回, with `overrides` applied."""
    page = client.get(reverse("admin:meetings_meeting_add")).content.decode()
    data = dict(MANAGEMENT_FIELD.findall(page))
    data.update(
        body=body.pk,
        number=7,
        title="第７回",
        starts_at_0="2023-02-01",
        starts_at_1="10:00:00",
        mode="online",
        status="held",
    )
    data.update(overrides)
    return data


def test_meeting_page_shows_attendance_agenda_and_statements_with_speaker_labels(admin_client, meeting):
    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "第１次報告書のとりまとめ" in page
    # Statements are on each agenda item's page, attendance on its own list (apps.meetings.admin).
    item = meeting.agenda_items.get(title="第１次報告書のとりまとめ")
    assert reverse("admin:meetings_agendaitem_change", args=[item.pk]) in page
    assert reverse("admin:meetings_attendance_changelist") in page
    item_page = admin_client.get(reverse("admin:meetings_agendaitem_change", args=[item.pk])).content.decode()
    assert item_page.index("ＮＴＴドコモ（小林）") < item_page.index("藤井構成員")
    attendance = admin_client.get(reverse("admin:meetings_attendance_changelist") + f"?meeting__id__exact={meeting.pk}")
    assert "座長" in attendance.content.decode()


def test_duplicate_meeting_number_is_refused_and_nothing_saved(admin_client, meeting, personas):
    url = reverse("admin:meetings_meeting_add")
    data = _meeting_form(admin_client, personas.study_group, number=6, title="重複", starts_at_0="2023-01-10")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "この会議体には同じ回次の会議があります。" in errors
    assert Meeting.objects.count() == 1


def test_invalid_date_is_refused_on_the_field(admin_client, personas):
    url = reverse("admin:meetings_meeting_add")
    data = _meeting_form(admin_client, personas.study_group, starts_at_0="2023-02-30")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["starts_at"]
    assert not Meeting.objects.filter(number=7).exists()


def test_meeting_ending_before_it_starts_is_refused(admin_client, personas):
    url = reverse("admin:meetings_meeting_add")
    data = _meeting_form(admin_client, personas.study_group, ends_at_0="2023-02-01", ends_at_1="09:00:00")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not Meeting.objects.filter(number=7).exists()


def test_statement_without_agenda_item_is_refused(admin_client):
    url = reverse("admin:meetings_statement_add")
    response = admin_client.post(url, {"order": 1, "speaker_label": "藤井構成員", "text": "意見", "kind": "comment"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["agenda_item"]
    assert Statement.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_statements_can_swap_order_in_one_transaction(personas):
    meeting = Meeting.objects.create(
        body=personas.study_group, number=1, title="第１回", starts_at=dt.datetime(2022, 1, 1, 10, tzinfo=TOKYO)
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    first = Statement.objects.create(agenda_item=item, order=1, speaker_label="A", text="一")
    second = Statement.objects.create(agenda_item=item, order=2, speaker_label="B", text="二")
    with transaction.atomic():
        Statement.objects.filter(pk=first.pk).update(order=2)
        Statement.objects.filter(pk=second.pk).update(order=1)
    assert list(item.statements.order_by("order").values_list("speaker_label", flat=True)) == ["B", "A"]
    assert connection.vendor == "postgresql"


def test_secretariat_sees_only_its_own_bodies_meetings(client, personas, meeting):
    other = Meeting.objects.create(
        body=personas.other_body, number=1, title="他の会議", starts_at=dt.datetime(2022, 12, 1, 10, tzinfo=TOKYO)
    )
    client.force_login(personas.secretariat)
    listing = client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert meeting.title in listing
    assert "他の会議" not in listing
    assert client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).status_code == 200
    # Django's admin answers an object outside the queryset with a redirect to the index.
    assert client.get(reverse("admin:meetings_meeting_change", args=[other.pk])).status_code == 302


def test_secretariat_cannot_file_a_meeting_under_another_body(client, personas):
    client.force_login(personas.secretariat)
    url = reverse("admin:meetings_meeting_add")
    data = _meeting_form(client, personas.other_body, number=1, title="越権", starts_at_0="2023-01-10")
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"]
    assert not Meeting.objects.filter(title="越権").exists()


def test_member_without_staff_status_is_kept_out_of_the_admin(client, personas, meeting):
    client.force_login(personas.member)
    response = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
