"""Serve a stored file to someone a view has already let through, safely.

Uploaded files are never served from a public /media/ URL: a view checks who may read the
file, then calls `protected_file_response`. Only a PDF may show in the browser; anything else
(an .html or .svg material could carry a script) is a download, with a policy that forbids it
to run anything even if a browser renders it. With `PROTECTED_MEDIA_ACCEL_PREFIX` set (say
`/protected-media/`, an nginx `internal` location aliased to MEDIA_ROOT), the proxy sends the
bytes (X-Accel-Redirect); otherwise Django streams them (FileResponse), with DEBUG on or off.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

PDF = "application/pdf"
# No script, no plugin, no fetch, no form: a document is only to be looked at.
SANDBOX_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"


def protected_file_response(file: File, *, filename: str, content_type: str | None = None) -> HttpResponseBase:
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    inline = content_type == PDF
    prefix = settings.PROTECTED_MEDIA_ACCEL_PREFIX
    response: HttpResponse | FileResponse
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name or "")
        response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    else:
        response = FileResponse(file.open("rb"), content_type=content_type, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cache-Control"] = "private, max-age=3600"
    return response
