"""A meeting of a body: when, where, how, and how its public version names speakers."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import VersionedModel
from apps.core.models import TimeStampedModel
from apps.directory.models import Body
from apps.meetings.querysets import FrozenRecordQuerySet


class Meeting(VersionedModel, TimeStampedModel):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class SpeakerNaming(models.TextChoices):
        """How the public version names speakers (apps.meetings.naming applies it)."""

        AS_PRINTED = "as_printed", _("As printed")
        CATEGORY = "category", _("By category (構成員から, 事業者から, 事務局から …)")
        CATEGORY_WITH_ORGANIZATION = "category_organization", _("By category, operators with their organization")
        NONE = "none", _("Not at all")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("number (第N回)"))
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.HELD)
    public_speaker_naming = models.CharField(
        _("speakers in the public version"),
        max_length=30,
        choices=SpeakerNaming.choices,
        default=SpeakerNaming.AS_PRINTED,
        help_text=_(
            "How the minutes name speakers for readers who are not participants of the body "
            "(the public page, the PDF, Word, Akoma Ntoso, feeds and the API). Participants always see the names."
        ),
    )
    # Consistency warnings from the last import: [{"line": int, "message": str}].
    import_warnings = models.JSONField(_("import warnings"), default=list, blank=True)
    source_sha256 = models.CharField(_("source file SHA-256"), max_length=64, blank=True)

    # Bulk writes are refused once the minutes are published, as saves are (the guard the minutes
    # app registers in apps.meetings.querysets).
    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["body_id", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="meeting_unique_number_per_body",
                violation_error_message=_("This body already has a meeting with this number."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
        ]
        # Search results and the statement list run newest meeting first, and read the
        # meetings in that order until a page is full.
        indexes = [models.Index(F("starts_at").desc(), F("id"), name="meeting_newest_first")]

    def __str__(self) -> str:
        return self.title or f"{self.body}（第{self.number}回）"
