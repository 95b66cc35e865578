"""Request a PDF from a portal page; the page then polls the reports app's JSON status view (same JSON)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.documents import can_request
from apps.directory.models import Body
from apps.reports.models import GeneratedDocument
from apps.reports.services import DocumentQueueUnavailable, document_request
from apps.reports.views import job_status_response

from .common import visible_meeting


def _request(request: HttpRequest, kind: str, subject) -> JsonResponse:
    user = request.user if request.user.is_authenticated else None
    # The service checks a user's right itself; a visitor's (published minutes only) is checked here.
    if user is None and not can_request(request.user, kind, subject):
        return JsonResponse({"error": _("You may not read this document.")}, status=403)
    try:
        document = document_request(kind=kind, subject=subject, by=user)
    except PermissionDenied:
        return JsonResponse({"error": _("You may not read this document.")}, status=403)
    except DocumentQueueUnavailable as error:
        return JsonResponse({"error": str(error)}, status=503)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    document.refresh_from_db()  # without a broker the job has already run
    return job_status_response(document, pending_status=202)


@require_POST
def request_minutes_pdf(request: HttpRequest, pk: int) -> JsonResponse:
    meeting = visible_meeting(request, pk)
    return _request(request, GeneratedDocument.Kind.MINUTES_PDF, meeting)


@require_POST
def request_progress_report(request: HttpRequest, pk: int) -> JsonResponse:
    body = get_object_or_404(Body, pk=pk)
    return _request(request, GeneratedDocument.Kind.PROGRESS_REPORT_PDF, body)
