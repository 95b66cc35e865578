"""The secretariat's data entry: one meeting page with everything entered inline, in order."""

from typing import Any

import nested_admin
from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.access.admin import BodyScopedAdmin
from apps.core.locking import VersionedForm
from apps.minutes.admin import FrozenWhenPublishedAdmin, FrozenWhenPublishedInline, StatementVersionForm
from apps.minutes.guards import is_frozen
from apps.reports.admin_actions import request_minutes_pdf

from .models import AgendaItem, Attendance, Decision, Material, Meeting, Statement


class _MaterialFile:
    """The current file as the admin widget shows it: its name, linked through the view that
    checks access (uploads have no public URL)."""

    def __init__(self, file) -> None:
        self.url = file.instance.get_file_url()
        self.name = file.name

    def __str__(self) -> str:
        return self.name


class MaterialFileInput(forms.ClearableFileInput):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["value"] = _MaterialFile(value)
        return context


MATERIAL_FILE_WIDGET: dict[type[models.Field], dict[str, Any]] = {models.FileField: {"widget": MaterialFileInput}}


class AttendanceInline(FrozenWhenPublishedInline, nested_admin.NestedTabularInline):
    model = Attendance
    extra = 0
    fields = ["order", "category", "group_label", "person", "organization", "role_label", "presence"]
    autocomplete_fields = ["person", "organization"]


class MaterialInline(FrozenWhenPublishedInline, nested_admin.NestedTabularInline):
    model = Material
    extra = 0
    fields = ["label", "sort_key", "title", "submitter", "file"]
    autocomplete_fields = ["submitter"]
    formfield_overrides = MATERIAL_FILE_WIDGET


class StatementInline(FrozenWhenPublishedInline, nested_admin.NestedStackedInline):
    model = Statement
    form = StatementVersionForm
    extra = 0
    sortable_field_name = "order"
    fields = [("order", "kind"), ("speaker_label", "speaker", "speaker_organization"), "text", "reply_to", "version"]
    autocomplete_fields = ["speaker", "speaker_organization"]
    raw_id_fields = ["reply_to"]


class DecisionInline(FrozenWhenPublishedInline, nested_admin.NestedTabularInline):
    model = Decision
    extra = 0


class AgendaItemInline(FrozenWhenPublishedInline, nested_admin.NestedStackedInline):
    """On the meeting page, each agenda item links to its own page for its statements: a long
    meeting's statements all on one page would post more fields than a request may carry."""

    model = AgendaItem
    form = VersionedForm
    extra = 0
    sortable_field_name = "order"
    fields = [("order", "number_label", "title"), "proceedings", "materials", "statements_link", "version"]
    readonly_fields = ["statements_link"]
    inlines = [DecisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_total=Count("statements"))

    @admin.display(description=_("statements"))
    def statements_link(self, item: AgendaItem) -> str:
        if item.pk is None:
            return _("Save the meeting first, then enter this item's statements on its own page.")
        url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("%(count)d statements — edit") % {"count": item.statement_total},  # type: ignore[attr-defined]
        )


@admin.register(Meeting)
class MeetingAdmin(FrozenWhenPublishedAdmin, BodyScopedAdmin, SimpleHistoryAdmin, nested_admin.NestedModelAdmin):
    form = VersionedForm
    list_display = ["__str__", "body", "number", "starts_at", "venue", "mode", "status", "statement_count"]
    actions = [request_minutes_pdf]
    list_filter = ["status", "mode", "body"]
    list_select_related = ["body"]
    search_fields = ["title", "venue", "body__name"]
    autocomplete_fields = ["body"]
    date_hierarchy = "starts_at"
    readonly_fields = ["import_warnings_list", "source_sha256", "attendance_link"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "body",
                    "number",
                    "title",
                    ("starts_at", "ends_at"),
                    "venue",
                    ("mode", "status"),
                    "public_speaker_naming",
                    "attendance_link",
                    "version",
                ]
            },
        ),
        (_("Import"), {"fields": ["import_warnings_list", "source_sha256"], "classes": ["collapse"]}),
    ]
    inlines = [AttendanceInline, MaterialInline, AgendaItemInline]

    def get_inlines(self, request, obj):
        # A saved meeting's attendance is edited as a list of its own (AttendanceAdmin), a page
        # at a time; a published one is shown here, read-only.
        if obj is None or is_frozen(obj):
            return self.inlines
        return [MaterialInline, AgendaItemInline]

    @admin.display(description=_("attendance"))
    def attendance_link(self, meeting: Meeting) -> str:
        if meeting.pk is None or is_frozen(meeting):
            return "—"
        url = reverse("admin:meetings_attendance_changelist") + f"?meeting__id__exact={meeting.pk}"
        count = meeting.attendances.count()
        return format_html('<a href="{}">{}</a>', url, _("%(count)d attendees — edit") % {"count": count})

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # An agenda item may only cite materials of its own meeting.
        if db_field.name == "materials" and request.resolver_match and request.resolver_match.kwargs.get("object_id"):
            kwargs["queryset"] = Material.objects.filter(meeting_id=request.resolver_match.kwargs["object_id"])
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("statements"))
    def statement_count(self, meeting: Meeting) -> int:
        return Statement.objects.filter(agenda_item__meeting=meeting).count()

    @admin.display(description=_("import warnings"))
    def import_warnings_list(self, meeting: Meeting) -> str:
        if not meeting.import_warnings:
            return "—"
        return "\n".join(f"{w.get('line', '?')}: {w.get('message', '')}" for w in meeting.import_warnings)


@admin.register(AgendaItem)
class AgendaItemAdmin(FrozenWhenPublishedAdmin, BodyScopedAdmin, SimpleHistoryAdmin, nested_admin.NestedModelAdmin):
    body_path = "meeting__body"
    """An agenda item on its own page, with its statements."""

    form = VersionedForm

    list_display = ["__str__", "meeting", "order"]
    list_filter = ["meeting__body"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__title"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["materials"]
    inlines = [StatementInline, DecisionInline]


@admin.register(Statement)
class StatementAdmin(FrozenWhenPublishedAdmin, BodyScopedAdmin, SimpleHistoryAdmin):
    body_path = "agenda_item__meeting__body"
    form = StatementVersionForm
    list_display = ["speaker_label", "short_text", "agenda_item", "order", "kind"]
    list_filter = ["kind", "agenda_item__meeting__body", "agenda_item__meeting"]
    list_select_related = ["agenda_item__meeting"]
    search_fields = ["speaker_label", "text_normalized"]
    autocomplete_fields = ["agenda_item", "speaker", "speaker_organization"]
    raw_id_fields = ["reply_to"]

    @admin.display(description=_("text"))
    def short_text(self, statement: Statement) -> str:
        return statement.text[:60]


@admin.register(Material)
class MaterialAdmin(FrozenWhenPublishedAdmin, BodyScopedAdmin, SimpleHistoryAdmin):
    body_path = "meeting__body"
    list_display = ["label", "title", "meeting", "submitter"]
    list_select_related = ["meeting", "submitter"]
    search_fields = ["label", "title"]
    autocomplete_fields = ["meeting", "submitter"]
    formfield_overrides = MATERIAL_FILE_WIDGET


@admin.register(Attendance)
class AttendanceAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    """The attendance of meetings not yet published, edited as a list a page at a time: a long
    meeting's attendance in one form would post more fields than a request may carry. Published
    attendance is read on the meeting's page."""

    body_path = "meeting__body"
    list_display = ["__str__", "meeting", "order", "category", "group_label", "role_label", "presence"]
    list_editable = ["order", "category", "group_label", "role_label", "presence"]
    list_filter = ["category", "meeting__body"]
    list_per_page = 50
    list_select_related = ["meeting", "person", "organization"]
    search_fields = ["role_label", "person__family_name", "organization__name"]
    autocomplete_fields = ["meeting", "person", "organization"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(meeting__minutes__status="published")
