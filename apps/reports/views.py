"""Download a generated document, and poll a job: permission checked on what the file prints."""

from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.access.documents import can_download

from .models import GeneratedDocument


def _readable_document(request: HttpRequest, pk: int) -> GeneratedDocument:
    document = get_object_or_404(GeneratedDocument, pk=pk)
    if not can_download(request.user, document):
        raise Http404  # not even whether it exists
    return document


def download_name(document: GeneratedDocument) -> str:
    title = document.inputs.get("title", f"document-{document.pk}")
    if document.kind == GeneratedDocument.Kind.MINUTES_PDF:
        return f"{title}議事要旨.pdf"
    return f"{title}.pdf"


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = _readable_document(request, pk)
    if document.status != GeneratedDocument.Status.DONE or not document.file:
        raise Http404
    response = FileResponse(document.file.open("rb"), content_type="application/pdf", filename=download_name(document))
    response["Cache-Control"] = "private, max-age=3600"
    return response


def job_status_response(document: GeneratedDocument, *, pending_status: int = 200) -> JsonResponse:
    """The JSON a page polls: {id, status, progress, error, status_url, download_url}.

    A finished job answers 200; one still pending answers `pending_status` (202 to a new request).
    """
    done = document.status == GeneratedDocument.Status.DONE
    return JsonResponse(
        {
            "id": document.pk,
            "status": document.status,
            "progress": document.progress,
            "error": document.error,
            "status_url": reverse("reports:status", args=[document.pk]),
            "download_url": reverse("reports:download", args=[document.pk]) if done else None,
        },
        status=200 if done else pending_status,
    )


@require_GET
def document_status(request: HttpRequest, pk: int) -> JsonResponse:
    """For pages that poll a job."""
    return job_status_response(_readable_document(request, pk))
