"""Issues (検討課題) and what was said about them: tagged statements and stakeholder positions."""

import re
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, OrderBy, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting, Statement


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    DEFERRED = "deferred", _("Deferred")
    CLOSED = "closed", _("Closed")


# Issues off the table: the register counts them as closed and their assignments are never overdue.
SETTLED_STATUSES = (IssueStatus.RESOLVED, IssueStatus.CLOSED)


# The codes the register allocates: I-001, I-002, … I-999, I-1000.
CODE_PATTERN = re.compile(r"^I-(\d+)$")


def code_number(code: str) -> int | None:
    """The N of an I-N code; None for a code outside that scheme."""
    match = CODE_PATTERN.match(code)
    return int(match.group(1)) if match else None


class Issue(TimeStampedModel):
    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        NORMAL = 2, _("Normal")
        LOW = 3, _("Low")

    Status = IssueStatus

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="issues")
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. I-001"))
    # The N of the code, so that issues sort by number; kept in step with the code by save().
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    raised_in = models.ForeignKey(
        Meeting,
        verbose_name=_("raised in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues_raised",
    )
    resolved_in = models.ForeignKey(
        Meeting,
        verbose_name=_("resolved in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues_resolved",
    )
    statements = models.ManyToManyField(
        Statement,
        verbose_name=_("statements"),
        through="IssueStatement",
        blank=True,
        related_name="issues",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["body_id", F("number").asc(nulls_last=True), "code", "id"]  # body, then code_order()
        constraints = [
            models.UniqueConstraint(
                fields=["body", "code"],
                name="issue_unique_code_per_body",
                violation_error_message=_("This body already has an issue with this code."),
            ),
            models.UniqueConstraint(
                fields=["body", "number"],
                name="issue_unique_number_per_body",
                violation_error_message=_("This body already has an issue with this number."),
            ),
            models.CheckConstraint(
                condition=~Q(status=IssueStatus.RESOLVED) | Q(resolved_in__isnull=False),
                name="issue_resolved_has_meeting",
                violation_error_message=_("A resolved issue needs the meeting that resolved it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number = code_number(self.code)
        if kwargs.get("update_fields") is not None and "code" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number"}
        super().save(*args, **kwargs)

    @staticmethod
    def code_order(path: str = "") -> list[OrderBy | str]:
        """ORDER BY terms for issues in code order, I-999 before I-1000; `path` leads to the issue ("issue__").

        Codes outside the I-N scheme have no number: they come last, by their text, on every database.
        """
        return [F(f"{path}number").asc(nulls_last=True), f"{path}code", f"{path}id"]

    def code_sort_key(self) -> tuple[bool, int, str, int]:
        """code_order() in Python, for issues already fetched."""
        return (self.number is None, self.number or 0, self.code, self.pk)


class IssueStatement(TimeStampedModel):
    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="taggings")
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="taggings",
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tagged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tagged statement")
        verbose_name_plural = _("tagged statements")
        ordering = ["issue_id", "statement_id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "statement"], name="issue_statement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issue.code} ← {self.statement}"


class Position(TimeStampedModel):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        OPPOSES = "opposes", _("Opposes")
        CONDITIONAL = "conditional", _("Conditional")
        CONSIDERING = "considering", _("Considering")
        NO_POSITION = "no_position", _("No position")
        INFORMATIONAL = "informational", _("Informational")

    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="positions")
    stance = models.CharField(_("stance"), max_length=20, choices=Stance.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    statements = models.ManyToManyField(
        Statement,
        verbose_name=_("supporting statements"),
        blank=True,
        related_name="positions",
    )

    history = HistoricalRecords(m2m_fields=[statements])

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["issue_id", "meeting__starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(person__isnull=False),
                name="position_has_holder",
                violation_error_message=_("A position belongs to an organization or a person."),
            ),
            models.UniqueConstraint(
                fields=["issue", "organization", "meeting"],
                condition=Q(organization__isnull=False),
                name="position_unique_org_per_meeting",
                violation_error_message=_("This organization already has a position on this issue in this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue.code} {self.organization or self.person}: {self.get_stance_display()}"
