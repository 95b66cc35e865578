"""Who may request and download which document, from the rules in apps.core.permissions.

Published minutes are public. Draft minutes, and progress reports (which quote statements
of minutes not yet published), are for the participants and secretariat of the body.
"""

from django.contrib.auth.models import AnonymousUser, User

from apps.core.permissions import can_see_drafts, visible_meetings
from apps.directory.models import Body
from apps.meetings.models import Meeting

from .models import GeneratedDocument

Kind = GeneratedDocument.Kind


def can_request(user: User | AnonymousUser, kind: str, subject: Meeting | Body) -> bool:
    if kind == Kind.MINUTES_PDF:
        return visible_meetings(user).filter(pk=subject.pk).exists()
    return isinstance(subject, Body) and can_see_drafts(user, subject)


def can_download(user: User | AnonymousUser, document: GeneratedDocument) -> bool:
    """Judged on what the file prints: a draft's PDF stays restricted after publication."""
    if document.kind == Kind.MINUTES_PDF:
        if document.inputs.get("status") == "published":
            return True
        meeting = Meeting.objects.select_related("body").filter(pk=document.subject_id).first()
        return meeting is not None and can_see_drafts(user, meeting.body)
    body = Body.objects.filter(pk=document.subject_id).first()
    return body is not None and can_see_drafts(user, body)
