"""Open records of a meeting and of a body, each showing its reader only what they may read.

Drafts go only to the body's participants; everyone else reads published minutes, in the
public version the secretariat chose (apps.meetings.naming).
"""

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from apps.access.permissions import sees_speaker_names, visible_meetings
from apps.meetings.models import Meeting
from apps.meetings.naming import SpeakerNames
from apps.minutes.selectors import meeting_record
from apps.reports.selectors import minutes_snapshot
from apps.reports.selectors.formatting import meeting_heading

from .akoma_ntoso import meeting_akn
from .word import minutes_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _readable(request: HttpRequest, pk: int, queryset=None) -> tuple[Meeting, bool]:
    """The meeting if the user may read it (404 otherwise), and whether they get the public version."""
    queryset = queryset if queryset is not None else Meeting.objects.select_related("body")
    meeting = get_object_or_404(visible_meetings(request.user, queryset), pk=pk)
    return meeting, not sees_speaker_names(request.user, meeting)


def _download(content: bytes, content_type: str, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-cache"  # drafts change, and differ per reader
    return response


@require_GET
def meeting_akn_xml(request: HttpRequest, pk: int) -> HttpResponse:
    # The host ministry heads the officials' attendance (apps.reports.selectors.host_ministry_name).
    meeting, public = _readable(request, pk, meeting_record().select_related("body__host__parent__parent"))
    statements = [statement for item in meeting.agenda_items.all() for statement in item.statements.all()]
    names = SpeakerNames.for_meeting(meeting, public=public, statements=statements)
    xml = meeting_akn(meeting, names=names, title=meeting_heading(meeting))
    return _download(xml, "application/akn+xml; charset=utf-8", f"meeting-{meeting.pk}.akn.xml", attachment=False)


@require_GET
def meeting_minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, public = _readable(request, pk)
    snapshot = minutes_snapshot(meeting.pk, public=public)
    return _download(minutes_docx(snapshot), DOCX, f"{snapshot['title']}議事要旨.docx")
