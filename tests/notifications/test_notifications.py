"""Notifications: who is told of each step, in the portal and by email, and reminders sent once."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.deliberation import services as deliberation
from apps.minutes import services
from apps.minutes.models import ReviewRequest
from apps.notifications import tasks
from apps.notifications.models import EmailPreference, Kind, Notification
from apps.notifications.services import notification_email
from tests.minutes.record import build_record


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Runs a workflow step and what it queued for after its commit (the notifications)."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            return step()

    return run


@pytest.fixture
def sent(personas, run_on_commit):
    record = build_record(personas)
    run_on_commit(
        lambda: services.minutes_send_for_review(
            minutes=record.minutes,
            due_on=timezone.localdate() + dt.timedelta(days=7),
            by=personas.secretariat,
            base_url="http://testserver",
        )
    )
    return record


def _kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_review_requested_is_shown_in_the_portal_and_emailed_in_japanese_html_and_text(sent, personas):
    assert _kinds(personas.member) == [Kind.REVIEW_REQUESTED]
    assert _kinds(personas.secretariat) == []
    email = next(m for m in mail.outbox if m.to == ["member@example.jp"])
    request = sent.minutes.review_requests.get(reviewer__user=personas.member)
    assert email.subject.startswith("【議事要旨確認のお願い】")
    assert "藤井 様" in email.body and "ご確認ください" in email.body
    assert f"http://testserver/reviews/{request.pk}/" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and f'href="http://testserver/reviews/{request.pk}/"' in html
    assert "令和" in email.body  # the due date in the Japanese era
    assert Notification.objects.get(recipient=personas.member).emailed_at is not None


def test_the_beat_task_run_twice_sends_each_reminder_once(sent, personas):
    ReviewRequest.objects.filter(minutes=sent.minutes).update(due_on=timezone.localdate() + dt.timedelta(days=1))
    mail.outbox.clear()
    tasks.send_reminders()
    tasks.send_reminders()
    reminders = [m for m in mail.outbox if m.to == ["member@example.jp"]]
    assert len(reminders) == 1 and reminders[0].subject.startswith("【確認期限のお知らせ】")
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.jp", "member@example.jp", "operator@example.jp"]
    assert Notification.objects.filter(recipient=personas.member, kind=Kind.REVIEW_DUE_SOON).count() == 1


def test_an_overdue_review_is_reminded_once_more(sent, personas):
    request = sent.minutes.review_requests.get(reviewer__user=personas.member)
    ReviewRequest.objects.filter(pk=request.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    mail.outbox.clear()
    for _ in range(2):
        tasks.send_reminders()
    overdue = [m for m in mail.outbox if m.to == ["member@example.jp"]]
    assert [m.subject[:8] for m in overdue] == ["【確認期限超過】"]
    assert _kinds(personas.member).count(Kind.REVIEW_OVERDUE) == 1


def test_an_approved_review_gets_no_reminder(sent, personas, run_on_commit):
    request = sent.minutes.review_requests.get(reviewer__user=personas.member)
    run_on_commit(lambda: services.review_approve_all(review_request=request, by=personas.member))
    ReviewRequest.objects.filter(minutes=sent.minutes).update(due_on=timezone.localdate())
    tasks.send_reminders()
    assert Kind.REVIEW_DUE_SOON not in _kinds(personas.member)
    assert Kind.REVIEW_DUE_SOON in _kinds(personas.operator)


def test_a_user_who_turned_a_kind_off_sees_it_in_the_portal_only(personas, run_on_commit):
    EmailPreference.objects.create(user=personas.member, kind=Kind.REVIEW_REQUESTED, email=False)
    record = build_record(personas)
    run_on_commit(
        lambda: services.minutes_send_for_review(
            minutes=record.minutes, due_on=timezone.localdate() + dt.timedelta(days=7), by=personas.secretariat
        )
    )
    assert _kinds(personas.member) == [Kind.REVIEW_REQUESTED]
    assert "member@example.jp" not in [m.to[0] for m in mail.outbox]
    assert "operator@example.jp" in [m.to[0] for m in mail.outbox]


def test_a_correction_reaches_the_secretariat_and_its_decision_the_reviewer(sent, personas, run_on_commit):
    request = sent.minutes.review_requests.get(reviewer__user=personas.member)
    statement = sent.member_statement
    suggestion = run_on_commit(
        lambda: services.suggestion_propose(
            review_request=request,
            statement=statement,
            proposed_text="修正した発言。",
            base_version=statement.version,
            by=personas.member,
        )
    )
    proposed = Notification.objects.get(recipient=personas.secretariat)
    assert proposed.kind == Kind.CORRECTION_PROPOSED
    assert proposed.url == reverse("portal:manage", args=[sent.meeting.pk]) + f"#suggestion-{suggestion.pk}"
    run_on_commit(lambda: services.suggestion_reject(suggestion=suggestion, by=personas.secretariat))
    decided = Notification.objects.get(recipient=personas.member, kind=Kind.CORRECTION_DECIDED)
    assert "採用されませんでした" in [m for m in mail.outbox if m.to == ["member@example.jp"]][-1].body
    assert decided.params["decision"] == "rejected"


def test_publication_tells_the_body_members_but_not_the_one_who_published(sent, personas, run_on_commit):
    for request in sent.minutes.review_requests.select_related("reviewer__user"):
        run_on_commit(lambda r=request: services.review_approve_all(review_request=r, by=r.reviewer.user))
    run_on_commit(lambda: services.minutes_approve(minutes=sent.minutes, by=personas.chair))
    assert Kind.MINUTES_APPROVED in _kinds(personas.secretariat)
    assert Kind.MINUTES_APPROVED not in _kinds(personas.chair)  # the chair approved it
    run_on_commit(lambda: services.minutes_publish(minutes=sent.minutes, by=personas.secretariat))
    for user in (personas.member, personas.chair, personas.observer, personas.operator):
        assert Kind.MINUTES_PUBLISHED in _kinds(user), user
    assert Kind.MINUTES_PUBLISHED not in _kinds(personas.secretariat)
    assert Kind.MINUTES_PUBLISHED not in _kinds(personas.outsider)


def test_an_overdue_assignment_reminds_the_secretariat_once(personas):
    issue = deliberation.issue_create(body=personas.study_group, title="IoT の優先", by=None)
    deliberation.assignment_create(
        issue=issue, task_group=personas.working_party, due_on=timezone.localdate() + dt.timedelta(days=30), by=None
    )
    issue.assignments.update(due_on=timezone.localdate() - dt.timedelta(days=1))
    tasks.send_reminders()
    tasks.send_reminders()
    assert _kinds(personas.secretariat) == [Kind.ASSIGNMENT_OVERDUE]
    assert [m.to for m in mail.outbox] == [["secretariat@example.jp"]]
    assert "IoT の優先" in mail.outbox[0].subject


def test_an_email_is_claimed_once_even_if_two_workers_send_it(sent, personas):
    notification = Notification.objects.get(recipient=personas.member)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
    mail.outbox.clear()
    assert notification_email(notification=notification) is True
    assert notification_email(notification=notification) is False
    assert len(mail.outbox) == 1


def test_the_portal_shows_a_badge_and_the_list_and_marks_read(client, sent, personas):
    client.force_login(personas.member)
    home = client.get(reverse("portal:home")).content.decode()
    assert 'id="notifications-link"' in home and '<span class="count"' in home
    page = client.get(reverse("portal:notifications")).content.decode()
    assert "令和" in page and 'class="unread"' in page
    notification = Notification.objects.get(recipient=personas.member)
    response = client.post(reverse("portal:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    home = client.get(reverse("portal:home")).content.decode()
    assert '<span class="count"' not in home.split('id="notifications-link"')[1].split("</a>")[0]


def test_email_settings_turn_kinds_off(client, personas):
    client.force_login(personas.member)
    kept = [Kind.REVIEW_REQUESTED, Kind.MINUTES_PUBLISHED]
    response = client.post(reverse("portal:notification_settings"), {"emailed": kept})
    assert response.status_code == 302
    off = set(EmailPreference.objects.filter(user=personas.member, email=False).values_list("kind", flat=True))
    assert off == set(Kind.values) - set(kept)
