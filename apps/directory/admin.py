from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from apps.access.admin import BodyScopedAdmin
from apps.access.directory import can_edit_organization, can_edit_person, can_link_user
from apps.reports.admin_actions import request_progress_report_pdf

from .models import Body, Membership, Organization, Person


class SharedDirectoryAdmin(SimpleHistoryAdmin):
    """The directory is shared by every body: a secretariat reads all of it, and edits a record
    only while it belongs to its own bodies alone (apps.access.directory)."""

    def may_edit(self, request: HttpRequest, obj: Model) -> bool:
        raise NotImplementedError

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or self.may_edit(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or self.may_edit(request, obj))


@admin.register(Organization)
class OrganizationAdmin(SharedDirectoryAdmin):
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "name_normalized"]
    autocomplete_fields = ["parent"]

    def may_edit(self, request: HttpRequest, obj: Model) -> bool:
        return can_edit_organization(request.user, obj)  # type: ignore[arg-type]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "on_behalf_of"]


@admin.register(Person)
class PersonAdmin(SharedDirectoryAdmin):
    list_display = ["family_name", "given_name", "name_kana", "title", "organization"]
    list_filter = ["organization__kind"]
    list_select_related = ["organization"]
    search_fields = ["family_name", "given_name", "name_kana", "title", "organization__name"]
    autocomplete_fields = ["organization", "user"]

    def may_edit(self, request: HttpRequest, obj: Model) -> bool:
        return can_edit_person(request.user, obj)  # type: ignore[arg-type]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return fields if can_link_user(request.user) else [*fields, "user"]  # type: ignore[arg-type]


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
