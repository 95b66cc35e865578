"""A meeting's material files, served only to those who may read the meeting's record."""

from pathlib import PurePath

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from apps.access.permissions import visible_meetings
from apps.core.downloads import protected_file_response

from .models import Material


@require_GET
def material_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    # A draft meeting's materials are hidden like its drafts: a 404, not whether it exists.
    material = get_object_or_404(Material.objects.filter(meeting__in=visible_meetings(request.user)), pk=pk)
    if not material.file:
        raise Http404
    filename = f"{material.label}{PurePath(material.file.name or '').suffix}"
    return protected_file_response(material.file, filename=filename)
