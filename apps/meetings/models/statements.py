"""What was said under an agenda item, by whom, in reply to what."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import VersionedModel
from apps.core.models import TimeStampedModel
from apps.core.text import normalize
from apps.directory.models import Organization, Person
from apps.meetings.models.agenda import AgendaItem
from apps.meetings.querysets import FrozenRecordQuerySet


def validate_statement_length(text: str) -> None:
    """A statement of more than STATEMENT_MAX_CHARS characters is a mistake (a whole file pasted
    into one) and would take minutes to render as a PDF."""
    limit = settings.STATEMENT_MAX_CHARS
    if len(text) > limit:
        raise ValidationError(
            _("A statement may have at most %(limit)d characters (STATEMENT_MAX_CHARS); this one has %(count)d."),
            code="max_length",
            params={"limit": limit, "count": len(text)},
        )


class Statement(VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        ANSWER = "answer", _("Answer")
        COMMENT = "comment", _("Comment")
        EXPLANATION = "explanation", _("Explanation")
        REMARK = "remark", _("Remark")

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    order = models.PositiveIntegerField(_("order"))
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    speaker_organization = models.ForeignKey(
        Organization,
        verbose_name=_("speaker organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    speaker_label = models.CharField(_("speaker as printed"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(
        _("text"), help_text=_("Paragraphs separated by blank lines."), validators=[validate_statement_length]
    )
    # NFKC form of the text; the column that search indexes.
    text_normalized = models.TextField(_("normalized text"), editable=False, default="")
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )

    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["agenda_item__meeting_id", "agenda_item__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "order"],
                name="statement_unique_order_per_agenda_item",
                # Deferred, so that reordering rows (swapping two orders) commits cleanly.
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("This agenda item already has a statement in this position."),
            ),
        ]

    def __str__(self) -> str:
        return f"【{self.speaker_label}】{self.text[:40]}"

    def save(self, *args, **kwargs):
        self.text_normalized = normalize(self.text)
        super().save(*args, **kwargs)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]
