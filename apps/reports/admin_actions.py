"""Admin actions that request PDFs; the meeting and body admins list them in `actions`."""

from typing import cast

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import GeneratedDocument
from .services import DocumentQueueUnavailable, document_request


def _request_documents(modeladmin, request: HttpRequest, queryset: QuerySet, kind: str) -> None:
    for subject in queryset:
        try:
            document = document_request(kind=kind, subject=subject, by=cast(User, request.user))
        except PermissionDenied:
            modeladmin.message_user(request, _("%(subject)s: not allowed.") % {"subject": subject}, messages.ERROR)
            continue
        except DocumentQueueUnavailable as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            return
        link = reverse("admin:reports_generateddocument_change", args=[document.pk])
        modeladmin.message_user(
            request,
            format_html(
                '{}: <a href="{}">{}</a>',
                subject,
                link,
                _("document #%(pk)s (%(status)s)")
                % {
                    "pk": document.pk,
                    "status": document.get_status_display(),
                },
            ),
            messages.SUCCESS,
        )


@admin.action(description=_("議事要旨 PDF を作成 / Request the minutes PDF"))
def request_minutes_pdf(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
    _request_documents(modeladmin, request, queryset, GeneratedDocument.Kind.MINUTES_PDF)


@admin.action(description=_("検討状況報告 PDF を作成 / Request the progress report PDF"))
def request_progress_report_pdf(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
    _request_documents(modeladmin, request, queryset, GeneratedDocument.Kind.PROGRESS_REPORT_PDF)
