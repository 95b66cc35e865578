from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.access.admin import BodyScopedAdmin
from apps.reports.admin_actions import request_progress_report_pdf

from .models import Body, Membership, Organization, Person


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "name_normalized"]
    autocomplete_fields = ["parent"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "on_behalf_of"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "name_kana", "title", "organization"]
    list_filter = ["organization__kind"]
    list_select_related = ["organization"]
    search_fields = ["family_name", "given_name", "name_kana", "title", "organization__name"]
    autocomplete_fields = ["organization", "user"]


@admin.register(Body)
class BodyAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    body_path = "pk"
    list_display = ["name", "kind", "parent", "host", "established_on", "dissolved_on"]
    list_filter = ["kind"]
    list_select_related = ["parent", "host"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent", "host"]
    inlines = [MembershipInline]
    actions = [request_progress_report_pdf]


@admin.register(Membership)
class MembershipAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    list_display = ["person", "body", "role", "on_behalf_of", "start", "end"]
    list_filter = ["role", "body"]
    list_select_related = ["person", "body", "on_behalf_of"]
    search_fields = ["person__family_name", "person__given_name", "body__name", "on_behalf_of__name"]
    autocomplete_fields = ["person", "body", "on_behalf_of"]
