"""Work on an issue: assignments to task groups, and progress notes meeting by meeting."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.directory.models import Body
from apps.meetings.models import Meeting

from .issues import SETTLED_STATUSES, Issue, IssueStatus


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def overdue(self, *, today: date | None = None) -> "AssignmentQuerySet":
        """Active assignments of unsettled issues past their due date (Asia/Tokyo).

        The one rule of "overdue": Assignment.is_overdue says the same of one assignment.
        """
        return self.filter(status=Assignment.Status.ACTIVE, due_on__lt=today or timezone.localdate()).exclude(
            issue__status__in=SETTLED_STATUSES
        )


class Assignment(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REPORTED = "reported", _("Reported back")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="assignments")
    task_group = models.ForeignKey(
        Body,
        verbose_name=_("task group"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    assigned_in = models.ForeignKey(
        Meeting,
        verbose_name=_("assigned in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments_made",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    report_back = models.ForeignKey(
        Meeting,
        verbose_name=_("reports back to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments_reporting",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)

    objects = AssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.issue.code} → {self.task_group}"

    def is_overdue(self, today: date | None = None) -> bool:
        """AssignmentQuerySet.overdue for one assignment already fetched (with its issue)."""
        return (
            self.status == Assignment.Status.ACTIVE
            and self.due_on is not None
            and self.due_on < (today or timezone.localdate())
            and self.issue.status not in SETTLED_STATUSES
        )


class ProgressNote(TimeStampedModel):
    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="progress_notes")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_notes",
    )
    text = models.TextField(_("text"))
    status_before = models.CharField(_("status before"), max_length=20, choices=IssueStatus.choices, blank=True)
    status_after = models.CharField(_("status after"), max_length=20, choices=IssueStatus.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["issue_id", "created", "id"]

    def __str__(self) -> str:
        return f"{self.issue.code}: {self.status_before or '—'} → {self.status_after}"
