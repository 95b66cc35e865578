"""Reminders the beat schedule sends: reviews and assignments due soon, and overdue.

Each reminder is a notification with a once_key naming the thing and its due date, unique per
recipient: running the schedule again (or on two machines) finds it there and sends nothing.
A changed due date is a new reminder.
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from apps.deliberation.models import Assignment
from apps.deliberation.selectors import overdue_assignments
from apps.minutes.models import Minutes, ReviewRequest

from . import services
from .models import Kind, Notification
from .recipients import secretariat_of


def _open_reviews() -> QuerySet[ReviewRequest]:
    return (
        ReviewRequest.objects.filter(minutes__status=Minutes.Status.IN_REVIEW, reviewer__user__isnull=False)
        .exclude(status=ReviewRequest.Status.APPROVED)
        .exclude(due_on__isnull=True)
        .select_related("reviewer__user", "minutes__meeting")
    )


def _review_reminder(request: ReviewRequest, kind: str) -> list[Notification]:
    assert request.due_on is not None and request.reviewer.user is not None  # _open_reviews() has both
    event = services.Event(
        kind=kind,
        subject=request,
        url=reverse("portal:review", args=[request.pk]),
        params={"meeting": str(request.minutes.meeting), "due": request.due_on.isoformat()},
        once_key=f"{kind}:{request.pk}:{request.due_on.isoformat()}",
    )
    return services.notifications_create(event=event, recipients=[request.reviewer.user])


def _assignment_reminder(assignment: Assignment, kind: str) -> list[Notification]:
    assert assignment.due_on is not None
    event = services.Event(
        kind=kind,
        subject=assignment,
        url=reverse("register:issue", args=[assignment.issue_id]),
        params={
            "issue": f"{assignment.issue.code} {assignment.issue.title}".strip(),
            "task_group": assignment.task_group.name,
            "due": assignment.due_on.isoformat(),
        },
        once_key=f"{kind}:{assignment.pk}:{assignment.due_on.isoformat()}",
    )
    recipients = {*secretariat_of(assignment.task_group), *secretariat_of(assignment.issue.body)}
    return services.notifications_create(event=event, recipients=recipients)


def reminders_create(*, today: dt.date | None = None) -> list[Notification]:
    """Every reminder due today that was not made before."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=settings.NOTIFICATIONS_REMIND_DAYS_BEFORE)
    created: list[Notification] = []
    for request in _open_reviews().filter(due_on__lt=today):
        created += _review_reminder(request, Kind.REVIEW_OVERDUE)
    for request in _open_reviews().filter(due_on__gte=today, due_on__lte=soon):
        created += _review_reminder(request, Kind.REVIEW_DUE_SOON)
    # The register's rule of "overdue", asked for today and for the end of the reminder window.
    for assignment in overdue_assignments(today=today):
        created += _assignment_reminder(assignment, Kind.ASSIGNMENT_OVERDUE)
    for assignment in overdue_assignments(today=soon + dt.timedelta(days=1)).filter(due_on__gte=today):
        created += _assignment_reminder(assignment, Kind.ASSIGNMENT_DUE_SOON)
    return created


def unsent_recently(*, hours: int = 24) -> QuerySet[Notification]:
    """Notifications of the last hours not emailed yet (the queue was down, or the mail server)."""
    since = timezone.now() - dt.timedelta(hours=hours)
    return Notification.objects.filter(emailed_at__isnull=True, created__gte=since).select_related("recipient__person")
