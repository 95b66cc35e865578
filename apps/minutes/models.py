"""The minutes workflow: draft → in_review → approved → published, then errata only."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.directory.models import Person
from apps.meetings.models import Meeting, Statement
from apps.meetings.querysets import FrozenRecordQuerySet


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Minutes(TimeStampedModel):
    Status = MinutesStatus

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    review_due_on = models.DateField(_("review due on"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_in = models.ForeignKey(
        Meeting,
        verbose_name=_("approved in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_confirmed",
        help_text=_("The meeting whose agenda confirmed these minutes."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting_id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="minutes_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} 議事要旨 ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReviewRequest(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="review_requests"
    )
    reviewer = models.ForeignKey(
        Person, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="review_requests"
    )
    statements = models.ManyToManyField(
        Statement,
        verbose_name=_("statements to review"),
        blank=True,
        related_name="review_requests",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["minutes_id", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "reviewer"], name="review_request_unique_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.minutes}"


class Suggestion(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    review_request = models.ForeignKey(
        ReviewRequest,
        verbose_name=_("review request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="suggestions"
    )
    # The statement version the reviewer saw; an accepted suggestion on a stale base is refused.
    base_version = models.PositiveIntegerField(_("based on version"))
    original_text = models.TextField(_("original text"))
    proposed_text = models.TextField(_("proposed text"))
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["statement_id", "created", "id"]

    def __str__(self) -> str:
        return f"{self.statement.speaker_label}: {self.proposed_text[:40]}"


class Erratum(TimeStampedModel):
    """A correction published after the minutes; the minutes themselves never change."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="errata")
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="errata",
    )
    published_on = models.DateField(_("published on"))
    location = models.CharField(_("location"), max_length=200, blank=True, help_text=_("e.g. ４（５）【藤井構成員】"))
    wrong_text = models.TextField(_("wrong text"), blank=True)
    correct_text = models.TextField(_("correct text"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("erratum")
        verbose_name_plural = _("errata")
        ordering = ["minutes_id", "published_on", "id"]

    def __str__(self) -> str:
        return f"{self.minutes} 正誤 {self.published_on}"


class ReviewApproval(TimeStampedModel):
    """A reviewer's approval of one of their statements; the request is approved when all are."""

    review_request = models.ForeignKey(
        ReviewRequest, verbose_name=_("review request"), on_delete=models.CASCADE, related_name="approvals"
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="review_approvals"
    )
    # The version the reviewer approved; a later edit by the secretariat withdraws the approval.
    statement_version = models.PositiveIntegerField(_("approved version"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement approval")
        verbose_name_plural = _("statement approvals")
        ordering = ["review_request_id", "statement_id"]
        constraints = [
            models.UniqueConstraint(fields=["review_request", "statement"], name="review_approval_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.review_request.reviewer} ✓ {self.statement.speaker_label}"
