"""Pages anyone may open; what they show depends on who asks (apps.access.permissions)."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.access import permissions
from apps.access.documents import can_request, visible_documents
from apps.deliberation.models import Issue
from apps.directory.models import Body
from apps.meetings.models import Meeting
from apps.meetings.naming import SpeakerNames
from apps.minutes.models import Minutes
from apps.minutes.selectors import meeting_record, minutes_timeline, review_requests_for
from apps.reports.models import GeneratedDocument

from .common import visible_meeting

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.select_related("parent").order_by("name", "id")[:PAGE_SIZE]
    published = (
        Meeting.objects.filter(minutes__status=Minutes.Status.PUBLISHED)
        .select_related("body", "minutes")
        .order_by("-minutes__published_at", "-id")[:10]
    )
    reviews = []
    if request.user.is_authenticated:
        reviews = list(review_requests_for(user=request.user).exclude(status="approved")[:PAGE_SIZE])
    return render(request, "portal/home.html", {"bodies": bodies, "published": published, "reviews": reviews})


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body.objects.select_related("parent", "host"), pk=pk)
    meetings = (
        permissions.visible_meetings(request.user, body.meetings.all())
        .select_related("minutes")
        .order_by("-number", "-id")[:PAGE_SIZE]
    )
    issues = (
        permissions.visible_issues(request.user, Issue.objects.filter(body=body))
        .exclude(status__in=[Issue.Status.RESOLVED, Issue.Status.CLOSED])
        .order_by("priority", *Issue.code_order())[:PAGE_SIZE]
    )
    report_kind = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
    reports = visible_documents(
        request.user,
        GeneratedDocument.objects.filter(
            kind=report_kind,
            subject_type__app_label="directory",
            subject_type__model="body",
            subject_id=body.pk,
            status=GeneratedDocument.Status.DONE,
        ),
    )
    # The stored inputs are a report's whole snapshot; the list needs one flag of them.
    reports = (
        reports.defer("inputs")
        .annotate(published_only=ExpressionWrapper(Q(inputs__published_only=True), output_field=BooleanField()))
        .order_by("-created", "-id")[:PAGE_SIZE]
    )
    context = {
        "body": body,
        "children": body.children.order_by("name", "id"),
        "meetings": meetings,
        "issues": issues,
        "may_request_report": can_request(request.user, report_kind, body),
        "reports": reports,
    }
    return render(request, "portal/body_detail.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible_meeting(request, pk)
    meeting = meeting_record().get(pk=pk)
    minutes = getattr(meeting, "minutes", None)
    statements = [statement for item in meeting.agenda_items.all() for statement in item.statements.all()]
    public = not permissions.sees_speaker_names(request.user, meeting)
    context = {
        "meeting": meeting,
        "names": SpeakerNames.for_meeting(meeting, public=public, statements=statements),
        "minutes": minutes,
        "attendance_groups": _attendance_groups(meeting),
        "can_manage": permissions.can_manage_minutes(request.user, meeting),
        "can_approve": minutes is not None
        and minutes.status == Minutes.Status.IN_REVIEW
        and permissions.can_approve_minutes(request.user, meeting),
        "can_see_history": permissions.can_see_drafts(request.user, meeting.body),
    }
    return render(request, "portal/meeting_detail.html", context)


def _attendance_groups(meeting: Meeting) -> list[tuple[str, list]]:
    """Attendance under the printed headings: category, then group heading, in print order."""
    groups: dict[tuple[str, str], list] = {}
    for attendance in meeting.attendances.all():
        heading = attendance.get_category_display()
        if attendance.group_label:
            heading = f"{heading} — {attendance.group_label}"
        groups.setdefault((attendance.category, heading), []).append(attendance)
    return [(heading, rows) for (_category, heading), rows in groups.items()]


def meeting_history(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    if not permissions.can_see_drafts(request.user, meeting.body):
        raise Http404
    minutes = getattr(meeting, "minutes", None)
    entries = minutes_timeline(minutes=minutes) if minutes else []
    return render(request, "portal/meeting_history.html", {"meeting": meeting, "entries": entries})
