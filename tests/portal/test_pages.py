"""Portal behaviour beyond permissions: concurrent edits, login throttling, language, the review flow by HTTP."""

from django.urls import reverse

from apps.meetings.models import Statement
from tests.conftest import PASSWORD


def test_a_second_edit_based_on_a_stale_version_is_refused_and_keeps_the_users_text(client, personas, site):
    statement = site.draft.member_statement
    url = reverse("portal:edit_statement", args=[statement.pk])
    client.force_login(personas.secretariat)
    opened = client.get(url).context["statement"].version
    first = client.post(url, {"text": "一人目の修正。", "base_version": opened})
    assert first.status_code == 302
    second = client.post(url, {"text": "二人目の修正。", "base_version": opened})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else changed this statement" in page or "他の人" in page
    assert "二人目の修正。" in page  # nothing the second editor wrote is lost
    assert "一人目の修正。" in page  # and they see what the first one saved
    assert Statement.objects.get(pk=statement.pk).text == "一人目の修正。"


def test_the_member_reviews_by_http_and_the_secretariat_sees_the_diff(client, personas, site):
    statement = site.draft.member_statement
    client.force_login(personas.member)
    response = client.post(
        reverse("portal:review_suggest", args=[site.member_review.pk, statement.pk]),
        {
            "proposed_text": "フルローミングの際はIoT端末を優先すべき。",
            "base_version": statement.version,
            "comment": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "<del>に</del><ins>は</ins>" in response.content.decode()
    client.force_login(personas.secretariat)
    page = client.get(reverse("portal:manage", args=[site.draft.meeting.pk])).content.decode()
    assert "<del>に</del><ins>は</ins>" in page


def test_a_refusal_is_shown_as_a_message(client, personas, site):
    client.force_login(personas.secretariat)
    response = client.post(reverse("portal:approve", args=[site.draft.meeting.pk]), {}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("not approved yet" in m or "承認" in m for m in messages), messages


def test_logins_are_throttled_after_repeated_failures(client, personas, settings):
    url = reverse("portal:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "member", "password": "wrong"})
    locked = client.post(url, {"username": "member", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_language_switch_changes_the_portal_language(client, db):
    assert "Study groups" not in client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Study groups" in client.get("/").content.decode()


def test_the_portal_speaks_japanese_by_default(client, personas, site):
    client.force_login(personas.member)
    page = client.get(reverse("portal:review", args=[site.member_review.pk]), HTTP_ACCEPT_LANGUAGE="ja")
    text = page.content.decode()
    assert "議事要旨（案）の確認" in text and "自分の発言をすべて了承" in text
    refused = client.post(reverse("portal:approve", args=[site.draft.meeting.pk]), HTTP_ACCEPT_LANGUAGE="ja")
    assert refused.status_code == 403


def test_the_chair_approves_from_the_meeting_page_once_every_review_is_in(client, personas, site):
    from apps.minutes import services

    for request in site.draft.minutes.review_requests.select_related("reviewer__user"):
        services.review_approve_all(review_request=request, by=request.reviewer.user)
    client.force_login(personas.chair)
    meeting_url = reverse("portal:meeting", args=[site.draft.meeting.pk])
    assert 'id="chair-approve"' in client.get(meeting_url).content.decode()
    response = client.post(reverse("portal:approve", args=[site.draft.meeting.pk]), {})
    assert response.status_code == 302 and response.url == meeting_url
    site.draft.minutes.refresh_from_db()
    assert site.draft.minutes.status == "approved"


def test_the_management_page_of_a_meeting_without_minutes_shows_a_draft_and_writes_nothing(client, personas):
    from apps.meetings.models import Meeting
    from apps.minutes.models import Minutes

    meeting = Meeting.objects.create(
        body=personas.study_group, number=9, title="第9回", starts_at="2023-03-01T10:00+09:00"
    )
    client.force_login(personas.secretariat)
    response = client.get(reverse("portal:manage", args=[meeting.pk]))
    assert response.status_code == 200 and 'id="send-for-review"' in response.content.decode()
    assert not Minutes.objects.filter(meeting=meeting).exists()
