"""GeneratedDocument: a rendering job and, once done, its file."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel


class GeneratedDocument(TimeStampedModel):
    class Kind(models.TextChoices):
        MINUTES_PDF = "minutes_pdf", _("Minutes PDF (議事要旨)")
        PROGRESS_REPORT_PDF = "progress_report_pdf", _("Progress report PDF")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject_type = models.ForeignKey(ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    # What the document prints, read once when it was requested: the worker renders exactly
    # this, so the file always matches its content hash.
    inputs = models.JSONField(_("inputs"), default=dict, blank=True, editable=False)
    # Hash of every input that shapes the document: same inputs → same document.
    content_hash = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("heartbeat at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "content_hash"], name="document_unique_inputs"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="document_progress_max_100"),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"
