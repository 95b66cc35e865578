"""Who attended a meeting, and how the minutes print each attendee."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.directory.models import Organization, Person
from apps.meetings.models.meeting import Meeting
from apps.meetings.querysets import FrozenRecordQuerySet


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
