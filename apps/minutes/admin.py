"""The minutes in the admin: the workflow state is read-only here, every step goes through the
services (as admin actions or the portal's review-management page), and published records are
shown read-only (FrozenWhenPublishedAdmin, used by the meetings admin too)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.access.admin import BodyScopedAdmin
from apps.core.locking import VersionedForm
from apps.meetings.models import Statement

from . import services
from .guards import is_frozen
from .models import Erratum, Minutes, ReviewRequest, Suggestion


class FrozenWhenPublishedAdmin(admin.ModelAdmin):
    """Records of published minutes open read-only: no change, no delete (the guards refuse too)."""

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj is not None and is_frozen(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj is not None and is_frozen(obj))


class FrozenWhenPublishedInline(admin.options.InlineModelAdmin):
    """Inlines under a published record are read-only too (`obj` is the parent record)."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_add_permission(request, obj) and not (obj is not None and is_frozen(obj))

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and not (obj is not None and is_frozen(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj is not None and is_frozen(obj))


class StatementVersionForm(VersionedForm):
    class Meta:
        model = Statement
        fields = [  # every editable field; the admin's `fields` narrows it
            "agenda_item",
            "order",
            "speaker",
            "speaker_organization",
            "speaker_label",
            "kind",
            "text",
            "reply_to",
            "version",
        ]


def _run(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, step, done: str) -> None:
    for obj in queryset:
        try:
            step(obj)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            modeladmin.message_user(request, f"{obj}: {text}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{obj}: {done}", messages.SUCCESS)


class ReviewRequestInline(admin.TabularInline):
    model = ReviewRequest
    extra = 0
    fields = readonly_fields = ("reviewer", "due_on", "status", "responded_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ErratumInline(admin.TabularInline):
    model = Erratum
    extra = 0
    fields = readonly_fields = ("published_on", "location", "wrong_text", "correct_text")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Minutes)
class MinutesAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    body_path = "meeting__body"
    list_display = ["meeting", "status", "review_due_on", "approved_at", "published_at", "portal_link"]
    list_filter = ["status", "meeting__body"]
    list_select_related = ["meeting__body"]
    search_fields = ["meeting__title"]
    fields = readonly_fields = (
        "meeting",
        "status",
        "version",
        "review_due_on",
        "approved_at",
        "approved_in",
        "published_at",
        "portal_link",
    )
    inlines = [ReviewRequestInline, ErratumInline]
    actions = ["approve", "publish"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (isinstance(obj, Minutes) and obj.is_published)

    @admin.display(description=_("review management"))
    def portal_link(self, minutes: Minutes) -> str:
        return format_html('<a href="{}">{}</a>', reverse("portal:manage", args=[minutes.meeting_id]), _("open"))

    @admin.action(description=_("Approve the selected minutes (every review approved)"))
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(
            self, request, queryset, lambda m: services.minutes_approve(minutes=m, by=request.user), gettext("approved")
        )

    @admin.action(description=_("Publish the selected approved minutes"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(
            self,
            request,
            queryset,
            lambda m: services.minutes_publish(minutes=m, by=request.user),
            gettext("published"),
        )


@admin.register(Suggestion)
class SuggestionAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    body_path = "statement__agenda_item__meeting__body"
    list_display = ["statement", "status", "base_version", "created", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["statement"]
    fields = readonly_fields = (
        "review_request",
        "statement",
        "base_version",
        "original_text",
        "proposed_text",
        "comment",
        "status",
    )
    actions = ["accept", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    @admin.action(description=_("Accept the selected suggestions"))
    def accept(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(
            self,
            request,
            queryset,
            lambda s: services.suggestion_accept(suggestion=s, by=request.user),
            gettext("accepted"),
        )

    @admin.action(description=_("Reject the selected suggestions"))
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(
            self,
            request,
            queryset,
            lambda s: services.suggestion_reject(suggestion=s, by=request.user),
            gettext("rejected"),
        )


class ErratumAdminForm(forms.ModelForm):
    class Meta:
        model = Erratum
        fields = ["minutes", "statement", "location", "wrong_text", "correct_text"]

    def clean_minutes(self) -> Minutes:
        minutes = self.cleaned_data["minutes"]
        if not minutes.is_published:
            raise ValidationError(gettext("Errata correct published minutes; these are not published yet."))
        return minutes


@admin.register(Erratum)
class ErratumAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    """Errata are added through erratum_add (published minutes only) and never edited afterwards."""

    body_path = "minutes__meeting__body"
    form = ErratumAdminForm
    list_display = ["minutes", "published_on", "location", "correct_text"]
    list_select_related = ["minutes__meeting"]
    fields = ["minutes", "statement", "location", "wrong_text", "correct_text"]
    raw_id_fields = ["statement"]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Erratum, form: forms.ModelForm, change: bool) -> None:
        created = services.erratum_add(
            minutes=obj.minutes,
            statement=obj.statement,
            location=obj.location,
            wrong_text=obj.wrong_text,
            correct_text=obj.correct_text,
            by=request.user,
        )
        obj.pk = created.pk
