from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from apps.access.permissions import secretariat_body_ids
from apps.api.models import DashboardToken
from apps.directory.models import Body


@admin.register(DashboardToken)
class DashboardTokenAdmin(admin.ModelAdmin):
    """The secretariat issues tokens here; the secret is shown once, when the token is created."""

    list_display = [
        "name",
        "prefix",
        "can_read_drafts",
        "can_write",
        "is_active",
        "expires_at",
        "last_used_at",
        "created_by",
    ]
    list_filter = ["can_read_drafts", "can_write", "is_active"]
    search_fields = ["name", "prefix"]
    filter_horizontal = ["bodies"]
    readonly_fields = ["prefix", "last_used_at", "created_by", "created", "modified"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A secretariat scopes tokens only to the bodies it runs.
        if db_field.name == "bodies":
            ids = secretariat_body_ids(request.user)
            if ids is not None:
                kwargs["queryset"] = Body.objects.filter(pk__in=ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    actions = ["revoke"]

    def get_queryset(self, request):
        # Every secretariat of a body sees the tokens that read it, whoever issued them.
        queryset = super().get_queryset(request)
        ids = secretariat_body_ids(request.user)
        if ids is None:
            return queryset
        return queryset.filter(pk__in=DashboardToken.objects.filter(bodies__in=ids).values("pk"))

    def has_change_permission(self, request, obj=None):
        # Changing a token's scope or rights is for a secretariat of every body it reads;
        # any secretariat of one of them may revoke it (the action below).
        if not super().has_change_permission(request, obj):
            return False
        ids = secretariat_body_ids(request.user)
        return obj is None or ids is None or not obj.bodies.exclude(pk__in=ids).exists()

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        revoked = queryset.filter(is_active=True).update(is_active=False)
        messages.success(request, _("%(count)d token(s) revoked.") % {"count": revoked})

    def has_revoke_permission(self, request):
        return super().has_change_permission(request)

    def save_model(self, request, obj, form, change):
        raw = None
        if not change:
            raw = obj.set_new_key()
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if raw:
            messages.warning(
                request,
                _("Token for “%(name)s”: %(token)s — copy it now; it will not be shown again.")
                % {"name": obj.name, "token": raw},
            )
