"""Celery tasks of the notifications: they take primary keys and call the services."""

from celery import shared_task

from apps.core.tasks import ShingiTask

from . import reminders, services
from .models import Notification


@shared_task(base=ShingiTask)
def email_notifications(notification_ids: list[int], base_url: str = "") -> int:
    """Email each notification not emailed yet; how many were sent."""
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("recipient__person")
    return sum(services.notification_email(notification=n, base_url=base_url) for n in notifications)


@shared_task(base=ShingiTask)
def send_reminders() -> int:
    """For the beat schedule: make today's reminders, then email whatever is still unsent."""
    reminders.reminders_create()
    return sum(services.notification_email(notification=n) for n in reminders.unsent_recently())
