"""The secretariat's data entry: one meeting page with everything entered inline, in order."""

import nested_admin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.access.admin import BodyScopedAdmin
from apps.minutes.admin import FrozenWhenPublishedAdmin, FrozenWhenPublishedInline, StatementVersionForm
from apps.reports.admin_actions import request_minutes_pdf

from .models import AgendaItem, Attendance, Decision, Material, Meeting, Statement


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
    model = AgendaItem
    extra = 0
    sortable_field_name = "order"
    fields = [("order", "number_label", "title"), "proceedings", "materials"]
    inlines = [StatementInline, DecisionInline]


@admin.register(Meeting)
class MeetingAdmin(FrozenWhenPublishedAdmin, BodyScopedAdmin, SimpleHistoryAdmin, nested_admin.NestedModelAdmin):
    list_display = ["__str__", "body", "number", "starts_at", "venue", "mode", "status", "statement_count"]
    actions = [request_minutes_pdf]
    list_filter = ["status", "mode", "body"]
    list_select_related = ["body"]
    search_fields = ["title", "venue", "body__name"]
    autocomplete_fields = ["body"]
    date_hierarchy = "starts_at"
    readonly_fields = ["import_warnings_list", "source_sha256"]
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
                ]
            },
        ),
        (_("Import"), {"fields": ["import_warnings_list", "source_sha256"], "classes": ["collapse"]}),
    ]
    inlines = [AttendanceInline, MaterialInline, AgendaItemInline]

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
    """An agenda item on its own page, for long meetings."""

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
