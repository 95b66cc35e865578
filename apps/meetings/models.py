"""What happened in a meeting: attendance, agenda, materials, statements, decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import VersionedModel
from apps.core.models import TimeStampedModel
from apps.core.text import normalize
from apps.core.uploads import validate_upload_size
from apps.directory.models import Body, Organization, Person
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


class Attendance(TimeStampedModel):
    class Category(models.TextChoices):
        MEMBER = "member", _("Member (構成員)")
        OPERATOR = "operator", _("Operator (関係事業者)")
        OBSERVER = "observer", _("Observer (オブザーバー)")
        MINISTRY = "ministry", _("Ministry (総務省)")
        SECRETARIAT = "secretariat", _("Secretariat (事務局)")
        OTHER = "other", _("Other")

    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        PROXY = "proxy", _("By proxy")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    # Printed group heading within a category (関係府省, 関係団体), as written.
    group_label = models.CharField(_("group heading"), max_length=100, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    role_label = models.CharField(_("role as printed"), max_length=200, blank=True)
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices, default=Presence.PRESENT)
    # The attendee as the published minutes print them, set when the minutes are published, so
    # that a later change to the directory never rewrites a published record.
    name_label = models.CharField(_("name as published"), max_length=300, blank=True, editable=False)

    objects = FrozenRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="attendance_names_someone",
                violation_error_message=_("An attendance needs a person or an organization."),
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.organization
        return f"{who} {self.role_label}".strip()

    # Operators are printed one per line: organization, name, (title).
    ONE_PER_LINE = frozenset({Category.OPERATOR})

    def printed_name(self) -> str:
        """The attendee as the minutes print them, from today's directory (相田座長)."""
        person, organization = self.person, self.organization
        if self.category in Attendance.ONE_PER_LINE:
            parts = [organization.name if organization else "", person.full_name if person else ""]
            return " ".join(p for p in parts if p) + (f"（{self.role_label}）" if self.role_label else "")
        if person is not None:
            return f"{person.family_name}{self.role_label}" if self.role_label else person.full_name
        return f"{organization.name}{self.role_label}" if organization else self.role_label

    @property
    def name_as_printed(self) -> str:
        """Frozen at publication; until then, as the directory has it."""
        return self.name_label or self.printed_name()


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
