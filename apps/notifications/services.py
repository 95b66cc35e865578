"""Writing notifications and sending their emails.

A notification is stored first and emailed after: the email of each one is claimed with a
conditional UPDATE (emailed_at from NULL to now), so two workers, or a beat task run twice,
send it once.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import EmailPreference, Kind, Notification

# Subject lines of the emails (Japanese by default, as the body).
SUBJECTS = {
    Kind.REVIEW_REQUESTED: _("Please review the draft minutes: %(meeting)s"),
    Kind.REVIEW_DUE_SOON: _("Reminder: review of the minutes due soon: %(meeting)s"),
    Kind.REVIEW_OVERDUE: _("Reminder: review of the minutes overdue: %(meeting)s"),
    Kind.CORRECTION_PROPOSED: _("Correction proposed: %(meeting)s"),
    Kind.CORRECTION_DECIDED: _("Your correction was decided: %(meeting)s"),
    Kind.MINUTES_APPROVED: _("Minutes approved: %(meeting)s"),
    Kind.MINUTES_PUBLISHED: _("Minutes published: %(meeting)s"),
    Kind.ASSIGNMENT_DUE_SOON: _("Assignment due soon: %(issue)s"),
    Kind.ASSIGNMENT_OVERDUE: _("Assignment overdue: %(issue)s"),
}


@dataclass(frozen=True)
class Event:
    """One event to tell some users about."""

    kind: str
    subject: models.Model
    url: str
    params: dict
    once_key: str | None = None


def notifications_create(*, event: Event, recipients: Iterable[User]) -> list[Notification]:
    """One notification per recipient; a once-only event already told to a recipient is skipped."""
    subject_type = ContentType.objects.get_for_model(event.subject)
    created = []
    for user in {user.pk: user for user in recipients}.values():
        notification = Notification(
            recipient=user,
            kind=event.kind,
            subject_type=subject_type,
            subject_id=event.subject.pk,
            params=event.params,
            url=event.url,
            once_key=event.once_key,
        )
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:  # the unique once_key: this user was told already
            continue
        created.append(notification)
    return created


def email_wanted(*, user: User, kind: str) -> bool:
    if not user.email or not user.is_active:
        return False
    return not EmailPreference.objects.filter(user=user, kind=kind, email=False).exists()


def email_preferences_set(*, user: User, emailed_kinds: Iterable[str]) -> None:
    """Email the given kinds to the user, and no other."""
    emailed = set(emailed_kinds)
    for kind in Kind.values:
        EmailPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": kind in emailed})


def _absolute(url: str, base_url: str) -> str:
    return (base_url or settings.PORTAL_BASE_URL).rstrip("/") + url


def notification_email(*, notification: Notification, base_url: str = "") -> bool:
    """Email one notification unless it was emailed already or its recipient does not want it.

    True if this call sent it.
    """
    user = notification.recipient
    if not email_wanted(user=user, kind=notification.kind):
        return False
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        # The email is in Japanese; a failure to send rolls the claim back, for a later try.
        with translation.override(settings.NOTIFICATIONS_EMAIL_LANGUAGE):
            context = {
                "notification": notification,
                "message": notification.message(),
                "link": _absolute(notification.url, base_url),
                "settings_link": _absolute("/notifications/settings/", base_url),
                "name": getattr(getattr(user, "person", None), "full_name", "") or user.get_username(),
            }
            subject = str(SUBJECTS[Kind(notification.kind)]) % notification.params
            text = render_to_string("notifications/email.txt", context)
            html = render_to_string("notifications/email.html", context)
        email = EmailMultiAlternatives(subject, text, to=[user.email])
        email.attach_alternative(html, "text/html")
        email.send()
    return True


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them without ids); how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
