"""The meeting admin saves a meeting three times the size of the reference, within Django's
field limit (statements are edited on each agenda item's own page)."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from apps.importer.services import minutes_file_import
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting, Statement

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"


class _FormFields(HTMLParser):
    """The values a browser would post from the page's main form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "button", "file"}:
            if attributes.get("type") in {"checkbox", "radio"} and "checked" not in attributes:
                return
            self.data.setdefault(name, []).append(attributes.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attributes:
            self.data[self._select].append(attributes.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data.removeprefix("\n") if not self.data[self._textarea][0] else data


def change_form_data(html: str) -> dict[str, list[str]]:
    parser = _FormFields()
    parser.feed(html)
    return parser.data


def _three_times_the_reference() -> Meeting:
    meeting = minutes_file_import(path=REFERENCE, body_name="非常時における事業者間ローミング等に関する検討会")
    attendances = list(meeting.attendances.all())
    items = list(meeting.agenda_items.prefetch_related("statements"))
    for copy in (1, 2):
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                order=row.order + 100 * copy,
                category=row.category,
                person=row.person,
                organization=row.organization,
                role_label=row.role_label,
            )
            for row in attendances
        )
        for material in list(Material.objects.filter(meeting=meeting, label__startswith="資料6")):
            Material.objects.create(meeting=meeting, label=f"{material.label}-{copy}", title=material.title)
        for item in items:
            new = AgendaItem.objects.create(meeting=meeting, order=item.order + 100 * copy, title=item.title)
            Statement.objects.bulk_create(
                Statement(agenda_item=new, order=s.order, speaker_label=s.speaker_label, text=s.text)
                for s in item.statements.all()
            )
    return meeting


@pytest.mark.django_db
def test_the_meeting_admin_saves_three_times_the_reference(personas):
    meeting = _three_times_the_reference()
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 3 * 41
    admin = Client()
    admin.force_login(personas.secretariat)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = admin.get(url)
    assert page.status_code == 200
    data = change_form_data(page.content.decode())
    fields = sum(len(values) for values in data.values())
    assert fields < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, fields
    data["title"] = ["第6回（管理画面で保存）"]
    response = admin.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Meeting.objects.get(pk=meeting.pk).title == "第6回（管理画面で保存）"
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 3 * 41


@pytest.mark.django_db
def test_an_agenda_items_statements_are_edited_on_its_own_page(personas):
    meeting = _three_times_the_reference()
    item = meeting.agenda_items.filter(statements__isnull=False).first()
    admin = Client()
    admin.force_login(personas.secretariat)
    url = f"/admin/meetings/agendaitem/{item.pk}/change/"
    data = change_form_data(admin.get(url).content.decode())
    statement_text = next(key for key in data if key.endswith("-text") and "statements" in key)
    data[statement_text] = ["管理画面で直した発言。"]
    assert admin.post(url, data).status_code == 302
    assert Statement.objects.filter(agenda_item=item, text="管理画面で直した発言。").exists()


@pytest.mark.django_db
def test_a_long_meetings_attendance_is_edited_a_page_at_a_time(personas):
    meeting = _three_times_the_reference()
    admin = Client()
    admin.force_login(personas.secretariat)
    page = admin.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    url = f"/admin/meetings/attendance/?meeting__id__exact={meeting.pk}"
    assert url.replace("&", "&amp;") in page or url in page
    listing = admin.get(url)
    assert listing.status_code == 200
    data = change_form_data(listing.content.decode())
    assert sum(len(values) for values in data.values()) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    first_label = next(key for key in data if key.endswith("-role_label"))
    data[first_label] = ["座長（改）"]
    data["_save"] = ["Save"]
    assert admin.post(url, data).status_code == 302
    assert Attendance.objects.filter(meeting=meeting, role_label="座長（改）").count() == 1
