"""The calendar read back with icalendar, the feeds with feedparser."""

import datetime as dt

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from apps.api.models import DashboardToken
from apps.deliberation.models import Issue
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db
TOKYO = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def meetings(personas, published_reference):
    """Beside the published reference: a scheduled meeting of the working party and a cancelled one."""
    start = dt.datetime(2023, 1, 24, 10, 0, tzinfo=TOKYO)
    scheduled = Meeting.objects.create(
        body=personas.working_party,
        number=1,
        title="作業班（第１回）",
        starts_at=start,
        venue="総務省 第１会議室",
        status=Meeting.Status.SCHEDULED,
    )
    cancelled = Meeting.objects.create(
        body=personas.study_group, number=7, title="第７回", starts_at=start, status=Meeting.Status.CANCELLED
    )
    return {"published": published_reference, "scheduled": scheduled, "cancelled": cancelled}


def events(response) -> dict[str, object]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_participant_subscribes_to_every_meeting_of_the_body_and_its_sub_bodies(client, personas, meetings):
    client.force_login(personas.member)
    found = events(client.get(reverse("exports:calendar", args=[personas.study_group.pk])))
    assert set(found) == {f"meeting-{m.pk}@shingi" for m in meetings.values()}
    reference = found[f"meeting-{meetings['published'].pk}@shingi"]
    assert str(reference["SUMMARY"]) == "非常時における事業者間ローミング等に関する検討会（第６回）"
    assert reference.decoded("DTSTART") == dt.datetime(2022, 12, 20, 15, 0, tzinfo=TOKYO)
    assert reference["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert reference.decoded("DTEND") == dt.datetime(2022, 12, 20, 16, 57, tzinfo=TOKYO)
    assert str(reference["LOCATION"]) == "Web開催"
    assert str(reference["URL"]).endswith(reverse("portal:meeting", args=[meetings["published"].pk]))
    assert str(reference["STATUS"]) == "CONFIRMED"
    assert str(found[f"meeting-{meetings['cancelled'].pk}@shingi"]["STATUS"]) == "CANCELLED"
    assert str(found[f"meeting-{meetings['scheduled'].pk}@shingi"]["LOCATION"]) == "総務省 第１会議室"


def test_the_uid_is_the_same_on_every_download(client, personas, meetings):
    client.force_login(personas.member)
    url = reverse("exports:calendar", args=[personas.study_group.pk])
    assert set(events(client.get(url))) == set(events(client.get(url)))


def test_a_visitor_sees_only_published_meetings_and_a_token_subscribes_to_the_rest(client, personas, meetings):
    url = reverse("exports:calendar", args=[personas.study_group.pk])
    assert set(events(client.get(url))) == {f"meeting-{meetings['published'].pk}@shingi"}
    raw = make_token("カレンダー", personas.study_group)
    DashboardToken.objects.update(can_read_drafts=True)
    assert len(events(client.get(url, {"token": raw}))) == 3
    assert client.get(url, {"token": "shg_wrong"}).status_code == 401
    other = make_token("他の会議体", personas.other_body)
    DashboardToken.objects.filter(name="他の会議体").update(can_read_drafts=True)
    assert client.get(url, {"token": other}).status_code == 404  # out of the token's scope


def test_the_feed_lists_published_minutes_and_reports_and_nothing_else(
    client, personas, meetings, django_capture_on_commit_callbacks
):
    Issue.objects.create(body=personas.study_group, code="I-001", title="IoT優先度", raised_in=meetings["published"])
    with django_capture_on_commit_callbacks(execute=True):
        report = document_request(
            kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF, subject=personas.study_group, by=None
        )
    report.refresh_from_db()
    assert report.status == GeneratedDocument.Status.DONE and report.inputs["published_only"]
    feed = feedparser.parse(client.get(reverse("exports:feed")).content)
    assert feed.version == "atom10" and not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert "非常時における事業者間ローミング等に関する検討会（第６回） 議事要旨" in titles
    assert "非常時における事業者間ローミング等に関する検討会 検討状況報告" in titles
    assert len(titles) == 2
    minutes = next(e for e in feed.entries if e.title.endswith("議事要旨"))
    assert "（２）第１次報告書のとりまとめ" in minutes.summary
    assert minutes.link.endswith(reverse("portal:meeting", args=[meetings["published"].pk]))


def test_the_body_feed_covers_its_tree_only(client, personas, meetings):
    Minutes.objects.create(meeting=meetings["scheduled"], status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    working_party = feedparser.parse(client.get(reverse("exports:body_feed", args=[personas.working_party.pk])).content)
    assert [e.title for e in working_party.entries] == ["事業者間ローミング作業班（第１回） 議事要旨"]
    study_group = feedparser.parse(client.get(reverse("exports:body_feed", args=[personas.study_group.pk])).content)
    assert len(study_group.entries) == 2
    other = feedparser.parse(client.get(reverse("exports:body_feed", args=[personas.other_body.pk])).content)
    assert other.entries == []
