"""Pages anyone may open; what they show depends on who asks (apps.access.permissions)."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.access import permissions
from apps.access.documents import can_request, visible_documents
from apps.deliberation.models import Assignment, Issue
from apps.directory.models import Body
from apps.directory.trees import body_tree
from apps.meetings.models import Meeting
from apps.meetings.naming import SpeakerNames
from apps.minutes.models import Minutes
from apps.minutes.selectors import meeting_record, minutes_timeline
from apps.reports.models import GeneratedDocument

from ..charts import status_chart
from .common import visible_meeting

PAGE_SIZE = 50


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(permissions.visible_bodies(request.user).select_related("parent", "host"), pk=pk)
    meetings = (
        permissions.visible_meetings(request.user, body.meetings.all())
        .select_related("minutes")
        .order_by("-number", "-id")[:PAGE_SIZE]
    )
    # Its own issues and those assigned to it (a task group works on its parent's issues).
    assigned = Assignment.objects.filter(task_group=body, status=Assignment.Status.ACTIVE).values("issue_id")
    issues = (
        permissions.visible_issues(request.user, Issue.objects.filter(Q(body=body) | Q(pk__in=assigned)))
        .exclude(status__in=[Issue.Status.RESOLVED, Issue.Status.CLOSED])
        .select_related("body")
        .order_by("priority", *Issue.code_order())[:PAGE_SIZE]
    )
    report_kind = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
    reports = _body_reports(request, body)
    context = {
        "body": body,
        "ancestors": _ancestors(body),
        "subtree": body_tree(Body.objects.filter(pk__in=body.descendant_ids()).exclude(pk=body.pk)),
        "meetings": meetings,
        "issues": issues,
        "may_request_report": can_request(request.user, report_kind, body),
        "may_enter_meetings": permissions.can_enter_meetings(request.user, body),
        "reports": reports,
        "chart": _chart(reports),
    }
    return render(request, "portal/body_detail.html", context)


def _ancestors(body: Body) -> list[Body]:
    """The bodies above this one, the top first (the tree is shallow)."""
    chain: list[Body] = []
    parent_id = body.parent_id
    while parent_id is not None:
        parent = Body.objects.only("id", "name", "parent_id").get(pk=parent_id)
        chain.insert(0, parent)
        parent_id = parent.parent_id
    return chain


def _body_reports(request: HttpRequest, body: Body) -> list[GeneratedDocument]:
    """The body's finished progress reports the visitor may read, each with what it was made from."""
    reports = visible_documents(
        request.user,
        GeneratedDocument.objects.filter(
            kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF,
            subject_type__app_label="directory",
            subject_type__model="body",
            subject_id=body.pk,
            status=GeneratedDocument.Status.DONE,
        ),
    )
    # The stored inputs are a report's whole snapshot; the list needs a few fields of them.
    return list(
        reports.defer("inputs")
        .annotate(
            published_only=ExpressionWrapper(Q(inputs__published_only=True), output_field=BooleanField()),
            as_of=KeyTextTransform("as_of", "inputs"),
        )
        .order_by("-finished_at", "-id")[:PAGE_SIZE]
    )


def _chart(reports: list[GeneratedDocument]) -> dict | None:
    """The chart of the latest progress report the visitor may read: the very data the PDF drew."""
    if not reports:
        return None
    data = GeneratedDocument.objects.filter(pk=reports[0].pk).values_list("inputs__chart", flat=True).first()
    return status_chart(data) if data else None


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
        "documents": _meeting_documents(request, meeting),
        # The confirming meeting is linked only for those who may open it (its minutes may be a draft).
        "approved_in_visible": minutes is not None
        and minutes.approved_in is not None
        and permissions.can_view_meeting(request.user, minutes.approved_in),
    }
    return render(request, "portal/meeting_detail.html", context)


def _meeting_documents(request: HttpRequest, meeting: Meeting) -> list[GeneratedDocument]:
    """The meeting's finished PDFs the visitor may read, with the state of the minutes each printed."""
    documents = visible_documents(
        request.user,
        GeneratedDocument.objects.filter(
            kind=GeneratedDocument.Kind.MINUTES_PDF,
            subject_type__app_label="meetings",
            subject_type__model="meeting",
            subject_id=meeting.pk,
            status=GeneratedDocument.Status.DONE,
        ),
    )
    documents = documents.defer("inputs").annotate(status_printed=KeyTextTransform("status", "inputs"))
    labels = dict(Minutes.Status.choices)
    listed = list(documents.order_by("-finished_at", "-id")[:10])
    for document in listed:
        document.made_from = labels.get(document.status_printed, document.status_printed)  # type: ignore[attr-defined]
    return listed


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
