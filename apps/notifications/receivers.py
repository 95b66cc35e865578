"""The minutes workflow's events (apps.minutes.signals) become notifications, then emails."""

import logging

from django.db import transaction
from django.urls import reverse

from apps.minutes import signals
from apps.minutes.models import Minutes, ReviewRequest, Suggestion

from . import services
from .models import Kind, Notification
from .recipients import chairs_of, members_of, secretariat_of, without

logger = logging.getLogger(__name__)


def _send(event: services.Event, recipients, base_url: str = "") -> list[Notification]:
    notifications = services.notifications_create(event=event, recipients=recipients)
    ids = [notification.pk for notification in notifications]
    if ids:
        transaction.on_commit(lambda: _queue_emails(ids, base_url))
    return notifications


def _queue_emails(ids: list[int], base_url: str) -> None:
    from .tasks import email_notifications

    try:
        email_notifications.delay(ids, base_url)
    except Exception:  # the broker is down: the beat schedule's sweep sends them later
        logger.exception("could not queue the emails of notifications %s", ids)


def on_review_requested(*, review_requests: list[ReviewRequest], base_url: str = "", **_kwargs) -> None:
    for request in ReviewRequest.objects.filter(pk__in=[r.pk for r in review_requests]).select_related(
        "reviewer__user", "minutes__meeting"
    ):
        if request.reviewer.user is None:
            continue  # listed on the management page, to be asked another way
        event = services.Event(
            kind=Kind.REVIEW_REQUESTED,
            subject=request,
            url=reverse("portal:review", args=[request.pk]),
            params={
                "meeting": str(request.minutes.meeting),
                "due": request.due_on.isoformat() if request.due_on else "",
            },
        )
        _send(event, [request.reviewer.user], base_url)


def _suggestion(suggestion: Suggestion) -> Suggestion:
    return Suggestion.objects.select_related(
        "review_request__reviewer__user", "statement__agenda_item__meeting__body"
    ).get(pk=suggestion.pk)


def on_correction_proposed(*, suggestion: Suggestion, **_kwargs) -> None:
    suggestion = _suggestion(suggestion)
    meeting = suggestion.statement.agenda_item.meeting
    reviewer = suggestion.review_request.reviewer if suggestion.review_request else None
    event = services.Event(
        kind=Kind.CORRECTION_PROPOSED,
        subject=suggestion,
        url=reverse("portal:manage", args=[meeting.pk]) + f"#suggestion-{suggestion.pk}",
        params={
            "meeting": str(meeting),
            "reviewer": reviewer.full_name if reviewer else suggestion.statement.speaker_label,
        },
    )
    _send(event, secretariat_of(meeting.body))


def on_correction_decided(*, suggestion: Suggestion, **_kwargs) -> None:
    suggestion = _suggestion(suggestion)
    request = suggestion.review_request
    if request is None or request.reviewer.user is None:
        return
    event = services.Event(
        kind=Kind.CORRECTION_DECIDED,
        subject=suggestion,
        url=reverse("portal:review", args=[request.pk]) + f"#statement-{suggestion.statement_id}",
        params={"meeting": str(suggestion.statement.agenda_item.meeting), "decision": suggestion.status},
    )
    _send(event, [request.reviewer.user])


def _minutes_event(kind: str, minutes: Minutes, by: object, recipients) -> None:
    minutes = Minutes.objects.select_related("meeting__body").get(pk=minutes.pk)
    event = services.Event(
        kind=kind,
        subject=minutes,
        url=reverse("portal:meeting", args=[minutes.meeting_id]),
        params={"meeting": str(minutes.meeting)},
    )
    _send(event, without(recipients(minutes), by))


def on_minutes_approved(*, minutes: Minutes, by: object = None, **_kwargs) -> None:
    def recipients(minutes: Minutes):
        return [*secretariat_of(minutes.meeting.body), *chairs_of(minutes.meeting.body)]

    _minutes_event(Kind.MINUTES_APPROVED, minutes, by, recipients)


def on_minutes_published(*, minutes: Minutes, by: object = None, **_kwargs) -> None:
    def recipients(minutes: Minutes):
        reviewers = [r.reviewer.user for r in minutes.review_requests.select_related("reviewer__user")]
        return [*members_of(minutes.meeting.body), *(user for user in reviewers if user is not None)]

    _minutes_event(Kind.MINUTES_PUBLISHED, minutes, by, recipients)


def connect() -> None:
    signals.review_requested.connect(on_review_requested, dispatch_uid="notifications.review_requested")
    signals.correction_proposed.connect(on_correction_proposed, dispatch_uid="notifications.correction_proposed")
    signals.correction_decided.connect(on_correction_decided, dispatch_uid="notifications.correction_decided")
    signals.minutes_approved.connect(on_minutes_approved, dispatch_uid="notifications.minutes_approved")
    signals.minutes_published.connect(on_minutes_published, dispatch_uid="notifications.minutes_published")
