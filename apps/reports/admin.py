"""Generated documents in the admin: the jobs, their state, and the file to download."""

from django.contrib import admin
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.access.permissions import secretariat_body_ids
from apps.meetings.models import Meeting

from .models import GeneratedDocument


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "title", "status", "progress", "attempts", "created", "finished_at", "download"]
    list_filter = ["kind", "status"]
    list_select_related = ["requested_by"]
    date_hierarchy = "created"
    readonly_fields = fields = (
        "kind",
        "title",
        "subject_type",
        "subject_id",
        "status",
        "progress",
        "error",
        "download",
        "content_hash",
        "requested_by",
        "attempts",
        "started_at",
        "heartbeat_at",
        "finished_at",
    )

    def get_queryset(self, request):
        # A secretariat sees the documents of the bodies it runs (and their meetings).
        # The inputs may be large; the list needs only their title.
        queryset = super().get_queryset(request).annotate(title_text=KeyTextTransform("title", "inputs"))
        queryset = queryset.defer("inputs")
        body_ids = secretariat_body_ids(request.user)
        if body_ids is None:
            return queryset
        meeting_ids = Meeting.objects.filter(body_id__in=body_ids).values("pk")
        return queryset.filter(
            Q(kind=GeneratedDocument.Kind.MINUTES_PDF, subject_id__in=meeting_ids)
            | Q(kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF, subject_id__in=body_ids)
        )

    def has_add_permission(self, request) -> bool:
        return False  # documents are requested from the meeting and body pages

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("title"))
    def title(self, document: GeneratedDocument) -> str:
        return getattr(document, "title_text", None) or ""

    @admin.display(description=_("file"))
    def download(self, document: GeneratedDocument) -> str:
        if document.status != GeneratedDocument.Status.DONE:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("reports:download", args=[document.pk]), _("Download PDF"))
