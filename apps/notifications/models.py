"""What a user is told, in the portal and by email, and which kinds they want by email."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.jdates import format_era_date


class Kind(models.TextChoices):
    REVIEW_REQUESTED = "review_requested", _("Review requested")
    REVIEW_DUE_SOON = "review_due_soon", _("Review due soon")
    REVIEW_OVERDUE = "review_overdue", _("Review overdue")
    CORRECTION_PROPOSED = "correction_proposed", _("Correction proposed")
    CORRECTION_DECIDED = "correction_decided", _("Correction decided")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
    ASSIGNMENT_DUE_SOON = "assignment_due_soon", _("Assignment due soon")
    ASSIGNMENT_OVERDUE = "assignment_overdue", _("Assignment overdue")


# One sentence per kind, filled from the notification's params when shown (in the reader's language).
MESSAGES = {
    Kind.REVIEW_REQUESTED: _("Please review your statements in the draft minutes of %(meeting)s by %(due)s."),
    Kind.REVIEW_DUE_SOON: _("Your review of the minutes of %(meeting)s is due on %(due)s."),
    Kind.REVIEW_OVERDUE: _("Your review of the minutes of %(meeting)s was due on %(due)s and is not finished."),
    Kind.CORRECTION_PROPOSED: _("%(reviewer)s proposed a correction to the minutes of %(meeting)s."),
    Kind.MINUTES_APPROVED: _("The minutes of %(meeting)s were approved."),
    Kind.MINUTES_PUBLISHED: _("The minutes of %(meeting)s were published."),
    Kind.ASSIGNMENT_DUE_SOON: _("The assignment of %(issue)s to %(task_group)s is due on %(due)s."),
    Kind.ASSIGNMENT_OVERDUE: _("The assignment of %(issue)s to %(task_group)s was due on %(due)s."),
}
DECISIONS = {
    "accepted": _("The secretariat accepted your correction to the minutes of %(meeting)s."),
    "rejected": _("The secretariat rejected your correction to the minutes of %(meeting)s; please review it again."),
}


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the sentence needs (names, ISO dates), kept as they were when the event happened.
    params = models.JSONField(_("details"), default=dict)
    url = models.CharField(_("link"), max_length=300)
    # Set for events that must reach a user once only (reminders); the unique constraint enforces it.
    once_key = models.CharField(max_length=200, null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "once_key"], condition=Q(once_key__isnull=False), name="notification_once"
            ),
        ]

    def __str__(self) -> str:
        return self.message()

    def message(self) -> str:
        """The sentence in the active language, dates in the Japanese era."""
        values: dict[str, Any] = dict(self.params)
        if values.get("due"):
            values["due"] = format_era_date(dt.date.fromisoformat(values["due"]))
        if self.kind == Kind.CORRECTION_DECIDED:
            template = DECISIONS.get(str(values.get("decision", "")))
        else:
            template = MESSAGES.get(Kind(self.kind))
        try:
            return gettext(str(template)) % values if template else str(self.get_kind_display())
        except (KeyError, TypeError, ValueError):  # params of an older shape: the kind still says what happened
            return str(self.get_kind_display())


class EmailPreference(models.Model):
    """A user's choice for one kind; without a row, the kind is emailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.email}"
