"""Every transition of the minutes workflow, and every refusal."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.core.locking import StaleEditError
from apps.meetings.models import Statement
from apps.minutes import services
from apps.minutes.errors import WorkflowError
from apps.minutes.models import Minutes, ReviewRequest, Suggestion

from .record import build_record


def _tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def sent(record, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_for_review(
            minutes=record.minutes, due_on=_tomorrow(), by=personas.secretariat, base_url="http://testserver"
        )
    record.minutes.refresh_from_db()
    return record


def _request_of(record, user) -> ReviewRequest:
    return record.minutes.review_requests.get(reviewer__user=user)


def _approve_everything(record, personas):
    for request in record.minutes.review_requests.select_related("reviewer__user"):
        services.review_approve_all(review_request=request, by=request.reviewer.user)


# --- sending for review ---


def test_send_for_review_creates_one_request_per_speaker_with_exactly_their_statements(sent, personas):
    requests = {r.reviewer.user.username: r for r in sent.minutes.review_requests.all()}
    assert set(requests) == {"member", "operator", "chair"}
    assert set(requests["member"].statements.all()) == {sent.member_statement, sent.member_second}
    assert list(requests["operator"].statements.all()) == [sent.operator_statement]
    assert all(r.due_on == _tomorrow() and r.status == ReviewRequest.Status.PENDING for r in requests.values())
    assert sent.minutes.status == Minutes.Status.IN_REVIEW
    assert sent.minutes.review_due_on == _tomorrow()


def test_send_for_review_emails_each_reviewer_a_link_to_their_review(sent, personas):
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.jp", "member@example.jp", "operator@example.jp"]
    member_mail = next(m for m in mail.outbox if m.to == ["member@example.jp"])
    request = _request_of(sent, personas.member)
    assert f"http://testserver/reviews/{request.pk}/" in member_mail.body
    assert "議事要旨" in member_mail.subject


def test_send_for_review_is_refused_to_members(record, personas):
    with pytest.raises(PermissionDenied):
        services.minutes_send_for_review(minutes=record.minutes, due_on=_tomorrow(), by=personas.member)


def test_send_for_review_refuses_a_due_date_in_the_past(record, personas):
    with pytest.raises(WorkflowError, match="past"):
        services.minutes_send_for_review(
            minutes=record.minutes, due_on=timezone.localdate() - dt.timedelta(days=1), by=personas.secretariat
        )


def test_send_for_review_refuses_minutes_already_in_review(sent, personas):
    with pytest.raises(WorkflowError, match="send the minutes for review"):
        services.minutes_send_for_review(minutes=sent.minutes, due_on=_tomorrow(), by=personas.secretariat)


def test_send_for_review_refuses_minutes_without_linked_speakers(record, personas):
    Statement.objects.filter(agenda_item__meeting=record.meeting).update(speaker=None)
    with pytest.raises(WorkflowError, match="speaker"):
        services.minutes_send_for_review(minutes=record.minutes, due_on=_tomorrow(), by=personas.secretariat)
    record.minutes.refresh_from_db()
    assert record.minutes.status == Minutes.Status.DRAFT


# --- the reviewer ---


def test_reviewer_approving_each_statement_approves_the_request(sent, personas):
    request = _request_of(sent, personas.member)
    services.review_approve_statement(review_request=request, statement=sent.member_statement, by=personas.member)
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.PENDING
    services.review_approve_statement(review_request=request, statement=sent.member_second, by=personas.member)
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.APPROVED
    assert request.responded_at is not None


def test_approve_all_approves_every_statement_of_the_request(sent, personas):
    request = services.review_approve_all(review_request=_request_of(sent, personas.member), by=personas.member)
    assert request.status == ReviewRequest.Status.APPROVED
    assert request.approvals.count() == 2


def test_a_reviewer_cannot_approve_someone_elses_statement(sent, personas):
    request = _request_of(sent, personas.member)
    with pytest.raises(WorkflowError, match="not one of yours"):
        services.review_approve_statement(review_request=request, statement=sent.operator_statement, by=personas.member)


def test_only_the_reviewer_may_answer_their_request(sent, personas):
    request = _request_of(sent, personas.member)
    for other in (personas.operator, personas.secretariat, personas.outsider):
        with pytest.raises(PermissionDenied):
            services.review_approve_all(review_request=request, by=other)


def test_reviews_are_refused_before_the_minutes_are_sent(record, personas):
    request = ReviewRequest.objects.create(minutes=record.minutes, reviewer=personas.member.person)
    request.statements.add(record.member_statement)
    with pytest.raises(WorkflowError, match="answer a review request"):
        services.review_approve_all(review_request=request, by=personas.member)


def test_proposing_a_correction_records_the_base_version_and_requests_changes(sent, personas):
    request = _request_of(sent, personas.member)
    suggestion = services.suggestion_propose(
        review_request=request,
        statement=sent.member_statement,
        proposed_text="フルローミングの際はIoT端末を優先すべきではないか。",
        base_version=sent.member_statement.version,
        comment="語句の修正",
        by=personas.member,
    )
    assert suggestion.status == Suggestion.Status.OPEN
    assert suggestion.base_version == sent.member_statement.version
    assert suggestion.original_text == sent.member_statement.text
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.CHANGES_REQUESTED
    sent.member_statement.refresh_from_db()
    assert sent.member_statement.text.startswith("フルローミングの際に")  # unchanged until accepted


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "empty"), ("フルローミングの際にIoT端末を優先すべきではないか。", "same as the current")],
)
def test_a_correction_must_change_the_text(sent, personas, text, message):
    with pytest.raises(WorkflowError, match=message):
        services.suggestion_propose(
            review_request=_request_of(sent, personas.member),
            statement=sent.member_statement,
            proposed_text=text,
            base_version=sent.member_statement.version,
            by=personas.member,
        )


def test_a_correction_based_on_a_stale_version_is_refused(sent, personas):
    with pytest.raises(StaleEditError, match="changed while you were writing"):
        services.suggestion_propose(
            review_request=_request_of(sent, personas.member),
            statement=sent.member_statement,
            proposed_text="別の文。",
            base_version=sent.member_statement.version - 1 if sent.member_statement.version > 1 else 99,
            by=personas.member,
        )


def test_a_second_open_correction_to_one_statement_is_refused(sent, personas):
    request = _request_of(sent, personas.member)
    kwargs = dict(review_request=request, statement=sent.member_statement, by=personas.member)
    services.suggestion_propose(proposed_text="案一。", base_version=sent.member_statement.version, **kwargs)
    with pytest.raises(WorkflowError, match="already proposed"):
        services.suggestion_propose(proposed_text="案二。", base_version=sent.member_statement.version, **kwargs)
    with pytest.raises(WorkflowError, match="waiting for the secretariat"):
        services.review_approve_statement(**kwargs)


def test_the_secretariat_records_an_approval_received_outside_the_portal(sent, personas):
    request = services.review_record_approval(
        review_request=_request_of(sent, personas.operator), by=personas.secretariat
    )
    assert request.status == ReviewRequest.Status.APPROVED
    assert request.history.latest().history_user == personas.secretariat


def test_recording_an_approval_is_for_the_secretariat_and_waits_for_open_suggestions(sent, personas):
    request = _request_of(sent, personas.member)
    with pytest.raises(PermissionDenied):
        services.review_record_approval(review_request=request, by=personas.chair)
    services.suggestion_propose(
        review_request=request,
        statement=sent.member_statement,
        proposed_text="修正。",
        base_version=sent.member_statement.version,
        by=personas.member,
    )
    with pytest.raises(WorkflowError, match="open suggestions"):
        services.review_record_approval(review_request=request, by=personas.secretariat)


# --- the secretariat's decisions ---


@pytest.fixture
def suggestion(sent, personas):
    return services.suggestion_propose(
        review_request=_request_of(sent, personas.member),
        statement=sent.member_statement,
        proposed_text="フルローミングの際はIoT端末を優先すべきではないか。",
        base_version=sent.member_statement.version,
        by=personas.member,
    )


def test_accepting_a_suggestion_changes_the_statement_and_keeps_the_old_text_in_history(sent, suggestion, personas):
    old_version = sent.member_statement.version
    statement = services.suggestion_accept(suggestion=suggestion, by=personas.secretariat)
    assert statement.text == "フルローミングの際はIoT端末を優先すべきではないか。"
    assert statement.version == old_version + 1
    history = list(statement.history.order_by("history_date"))
    assert history[0].text == "フルローミングの際にIoT端末を優先すべきではないか。"
    assert history[-1].history_user == personas.secretariat
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED and suggestion.decided_at is not None
    # The reviewer wrote this text: it counts as approved.
    assert suggestion.review_request.approvals.filter(statement=statement).exists()


def test_accepting_a_suggestion_on_a_stale_base_is_refused(sent, suggestion, personas):
    services.statement_update(
        statement=sent.member_statement,
        text="事務局による修正。",
        base_version=sent.member_statement.version,
        by=personas.secretariat,
    )
    with pytest.raises(StaleEditError, match="has changed since this correction"):
        services.suggestion_accept(suggestion=suggestion, by=personas.secretariat)
    sent.member_statement.refresh_from_db()
    assert sent.member_statement.text == "事務局による修正。"


def test_rejecting_a_suggestion_leaves_the_statement_and_asks_the_reviewer_again(sent, suggestion, personas):
    services.suggestion_reject(suggestion=suggestion, by=personas.secretariat)
    suggestion.refresh_from_db()
    request = suggestion.review_request
    request.refresh_from_db()
    assert suggestion.status == Suggestion.Status.REJECTED
    assert request.status == ReviewRequest.Status.PENDING
    sent.member_statement.refresh_from_db()
    assert sent.member_statement.text.startswith("フルローミングの際に")


def test_a_suggestion_is_decided_only_once(sent, suggestion, personas):
    services.suggestion_reject(suggestion=suggestion, by=personas.secretariat)
    with pytest.raises(WorkflowError, match="already"):
        services.suggestion_accept(suggestion=suggestion, by=personas.secretariat)


def test_only_the_secretariat_decides_suggestions(sent, suggestion, personas):
    for user in (personas.member, personas.chair):
        with pytest.raises(PermissionDenied):
            services.suggestion_accept(suggestion=suggestion, by=user)
        with pytest.raises(PermissionDenied):
            services.suggestion_reject(suggestion=suggestion, by=user)


def test_an_edit_by_the_secretariat_withdraws_the_speakers_approval(sent, personas):
    request = services.review_approve_all(review_request=_request_of(sent, personas.member), by=personas.member)
    assert request.status == ReviewRequest.Status.APPROVED
    services.statement_update(
        statement=sent.member_statement,
        text="修正後。",
        base_version=sent.member_statement.version,
        by=personas.secretariat,
    )
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.PENDING


def test_members_cannot_edit_statements(record, personas):
    with pytest.raises(PermissionDenied):
        services.statement_update(
            statement=record.member_statement,
            text="x",
            base_version=record.member_statement.version,
            by=personas.member,
        )


# --- approval ---


def test_minutes_are_approved_when_every_review_is_approved(sent, personas):
    _approve_everything(sent, personas)
    next_meeting = build_record(personas, number=7).meeting
    minutes = services.minutes_approve(minutes=sent.minutes, by=personas.chair, approved_in=next_meeting)
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_in == next_meeting and minutes.approved_at is not None


def test_approval_is_refused_while_reviews_are_outstanding(sent, personas):
    with pytest.raises(WorkflowError, match="not approved yet"):
        services.minutes_approve(minutes=sent.minutes, by=personas.secretariat)


def test_approval_despite_outstanding_reviews_waits_for_the_due_date(sent, personas):
    with pytest.raises(WorkflowError, match="has not passed"):
        services.minutes_approve(minutes=sent.minutes, by=personas.secretariat, despite_pending=True)
    Minutes.objects.filter(pk=sent.minutes.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.minutes_approve(minutes=sent.minutes, by=personas.chair, despite_pending=True)
    minutes = services.minutes_approve(minutes=sent.minutes, by=personas.secretariat, despite_pending=True)
    assert minutes.status == Minutes.Status.APPROVED


def test_approval_is_refused_while_a_suggestion_is_open(sent, suggestion, personas):
    with pytest.raises(WorkflowError, match="open suggestion"):
        services.minutes_approve(minutes=sent.minutes, by=personas.secretariat)


def test_approval_must_be_tied_to_a_later_meeting_of_the_same_body(sent, personas):
    _approve_everything(sent, personas)
    elsewhere = build_record(personas, number=7, body=personas.other_body).meeting
    with pytest.raises(WorkflowError, match="later meeting of the same body"):
        services.minutes_approve(minutes=sent.minutes, by=personas.secretariat, approved_in=elsewhere)
    with pytest.raises(WorkflowError, match="later meeting of the same body"):
        services.minutes_approve(minutes=sent.minutes, by=personas.secretariat, approved_in=sent.meeting)


def test_members_and_observers_cannot_approve(sent, personas):
    _approve_everything(sent, personas)
    for user in (personas.member, personas.observer, personas.outsider):
        with pytest.raises(PermissionDenied):
            services.minutes_approve(minutes=sent.minutes, by=user)


def test_draft_minutes_cannot_be_approved(record, personas):
    with pytest.raises(WorkflowError, match="approve the minutes"):
        services.minutes_approve(minutes=record.minutes, by=personas.secretariat)


# --- publication and errata ---


@pytest.fixture
def approved(sent, personas):
    _approve_everything(sent, personas)
    services.minutes_approve(minutes=sent.minutes, by=personas.secretariat)
    sent.minutes.refresh_from_db()
    return sent


def test_publishing_approved_minutes(approved, personas):
    minutes = services.minutes_publish(minutes=approved.minutes, by=personas.secretariat)
    assert minutes.status == Minutes.Status.PUBLISHED and minutes.published_at is not None


def test_only_the_secretariat_publishes(approved, personas):
    with pytest.raises(PermissionDenied):
        services.minutes_publish(minutes=approved.minutes, by=personas.chair)


def test_minutes_in_review_cannot_be_published(sent, personas):
    with pytest.raises(WorkflowError, match="publish the minutes"):
        services.minutes_publish(minutes=sent.minutes, by=personas.secretariat)


def test_an_erratum_is_added_to_published_minutes_with_its_date(approved, personas):
    services.minutes_publish(minutes=approved.minutes, by=personas.secretariat)
    erratum = services.erratum_add(
        minutes=approved.minutes,
        statement=approved.member_statement,
        wrong_text="IoT端末",
        correct_text="IoTデバイス",
        by=personas.secretariat,
    )
    assert erratum.published_on == timezone.localdate()
    assert erratum.location == "（２）【藤井構成員】"


def test_errata_are_refused_before_publication_and_to_non_secretariat(approved, personas):
    with pytest.raises(WorkflowError, match="add an erratum"):
        services.erratum_add(minutes=approved.minutes, correct_text="x", by=personas.secretariat)
    services.minutes_publish(minutes=approved.minutes, by=personas.secretariat)
    with pytest.raises(PermissionDenied):
        services.erratum_add(minutes=approved.minutes, correct_text="x", by=personas.member)
    with pytest.raises(WorkflowError, match="correct text"):
        services.erratum_add(minutes=approved.minutes, correct_text=" ", by=personas.secretariat)
    other = build_record(personas, number=7)
    with pytest.raises(WorkflowError, match="not part of these minutes"):
        services.erratum_add(
            minutes=approved.minutes, statement=other.member_statement, correct_text="x", by=personas.secretariat
        )


def test_published_minutes_cannot_be_published_again(approved, personas):
    services.minutes_publish(minutes=approved.minutes, by=personas.secretariat)
    with pytest.raises(WorkflowError):
        services.minutes_publish(minutes=approved.minutes, by=personas.secretariat)


def test_every_step_is_in_the_history_with_who(approved, personas):
    services.minutes_publish(minutes=approved.minutes, by=personas.secretariat)
    steps = [(h.status, h.history_user) for h in approved.minutes.history.order_by("history_date")]
    assert steps[1:] == [
        ("in_review", personas.secretariat),
        ("approved", personas.secretariat),
        ("published", personas.secretariat),
    ]
