"""The agenda of a meeting: its items, the materials handed out, and the decisions taken."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import VersionedModel
from apps.core.models import TimeStampedModel
from apps.core.uploads import validate_upload_size
from apps.directory.models import Organization
from apps.meetings.models.meeting import Meeting
from apps.meetings.querysets import FrozenRecordQuerySet


class Material(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="materials")
    label = models.CharField(_("label"), max_length=50, help_text=_("As printed, e.g. 資料6-1"))
    sort_key = models.CharField(_("sort key"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    submitter = models.ForeignKey(
        Organization,
        verbose_name=_("submitter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
    )
    file = models.FileField(_("file"), upload_to="materials/%Y/", blank=True, validators=[validate_upload_size])
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)

    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["meeting_id", "sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "label"],
                name="material_unique_label_per_meeting",
                violation_error_message=_("This meeting already has a material with this label."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()

    def get_file_url(self) -> str:
        """The file, through the view that checks who may read it (never a public /media/ URL)."""
        return reverse("materials:file", args=[self.pk]) if self.file else ""


class AgendaItem(VersionedModel, TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("order"))
    number_label = models.CharField(_("number as printed"), max_length=20, blank=True, help_text=_("e.g. (5)"))
    title = models.CharField(_("title"), max_length=300)
    proceedings = models.TextField(_("proceedings"), blank=True)
    materials = models.ManyToManyField(Material, verbose_name=_("materials"), blank=True, related_name="agenda_items")

    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[materials])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="agenda_item_unique_order_per_meeting",
                # Deferred, so that reordering rows (swapping two orders) commits cleanly.
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("This meeting already has an agenda item in this position."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}".strip()


class Decision(TimeStampedModel):
    class Kind(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        APPROVED = "approved", _("Approved")
        ESTABLISHED = "established", _("Established")
        DEFERRED = "deferred", _("Deferred")
        OTHER = "other", _("Other")

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGREED)

    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["agenda_item_id", "id"]

    def __str__(self) -> str:
        return self.text[:60]
