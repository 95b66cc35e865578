"""An import through the workbench: the uploaded file, what was read from it, the secretariat's
corrections and person matches, and where it stands."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.directory.models import Body
from apps.meetings.models import Meeting


class ImportRun(TimeStampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PARSING = "parsing", _("Reading")
        PARSED = "parsed", _("Ready for review")
        FAILED = "failed", _("Failed")
        COMMITTED = "committed", _("Imported")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="import_runs")
    number = models.PositiveIntegerField(_("number (第N回)"), null=True, blank=True)
    # Several files uploaded together share a batch, shown under one progress bar.
    batch = models.UUIDField(_("batch"), db_index=True)
    commit_if_clean = models.BooleanField(_("import without review when there is no warning"), default=False)
    file = models.FileField(_("source file"), upload_to="imports/%Y/")
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    text = models.TextField(_("text read from the file"), blank=True)
    # What was read, with line numbers: header, attendees, materials, agenda with statements,
    # warnings, and (from the parser) its layout and the lines it could not place.
    result = models.JSONField(_("parse result"), default=dict, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    # Attendee position → the directory person chosen for them ("new" for a new person).
    matches = models.JSONField(_("person matches"), default=dict, blank=True)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def has_warnings(self) -> bool:
        return bool(self.result.get("warnings") or self.result.get("unplaced"))
