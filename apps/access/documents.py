"""Who may request and download which document, from the rules in apps.access.permissions.

Published minutes are public, and so is a progress report that draws on published minutes
only (its snapshot's `published_only`, apps.reports.selectors). Draft minutes, and progress
reports that quote minutes not yet published, are for the participants and secretariat of
the body. Requesting a progress report stays with them: it reads the whole record.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from apps.access.permissions import AnyUser, can_see_drafts, draft_body_ids, scope_body_ids, visible_meetings
from apps.directory.models import Body
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes
from apps.reports.models import GeneratedDocument

Kind = GeneratedDocument.Kind


def can_request(user: User | AnonymousUser, kind: str, subject: Meeting | Body) -> bool:
    if kind == Kind.MINUTES_PDF:
        return visible_meetings(user).filter(pk=subject.pk).exists()
    return isinstance(subject, Body) and can_see_drafts(user, subject)


def can_download(user: User | AnonymousUser, document: GeneratedDocument) -> bool:
    """Judged on what the file prints: a draft's PDF stays restricted after publication."""
    if document.kind == Kind.MINUTES_PDF:
        if document.inputs.get("status") == Minutes.Status.PUBLISHED:
            return True
        meeting = Meeting.objects.select_related("body").filter(pk=document.subject_id).first()
        return meeting is not None and can_see_drafts(user, meeting.body)
    if document.inputs.get("published_only") is True:
        return True
    body = Body.objects.filter(pk=document.subject_id).first()
    return body is not None and can_see_drafts(user, body)


def visible_documents(user: AnyUser, queryset: QuerySet) -> QuerySet:
    """can_download as a query: published documents for everyone, the rest for the body's
    participants; a token only in its scope."""
    scope = scope_body_ids(user)
    drafts = draft_body_ids(user)
    if drafts is None:
        return queryset
    meetings = Meeting.objects.all() if scope is None else Meeting.objects.filter(body_id__in=scope)
    bodies = Body.objects.all() if scope is None else Body.objects.filter(pk__in=scope)
    published_minutes = Q(
        kind=Kind.MINUTES_PDF, inputs__status=Minutes.Status.PUBLISHED, subject_id__in=meetings.values("pk")
    )
    published_reports = Q(
        kind=Kind.PROGRESS_REPORT_PDF, inputs__published_only=True, subject_id__in=bodies.values("pk")
    )
    draft_minutes = Q(kind=Kind.MINUTES_PDF, subject_id__in=meetings.filter(body_id__in=drafts).values("pk"))
    draft_reports = Q(kind=Kind.PROGRESS_REPORT_PDF, subject_id__in=drafts)
    return queryset.filter(published_minutes | published_reports | draft_minutes | draft_reports)
