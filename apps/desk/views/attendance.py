"""Attendance: everyone of the body at once, the type-ahead, a new person in place, presence."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from apps.directory import selectors as directory
from apps.directory import services as directory_services
from apps.directory.models import Organization, Person
from apps.meetings import selectors, services
from apps.meetings.models import Attendance, Meeting

from ..forms import AttendanceForm, AttendeeForm, NewPersonForm
from .common import answer, attendance_context, entry_meeting, form_errors


def _section(request: HttpRequest, meeting: Meeting, error: ValidationError | None = None) -> HttpResponse:
    attendances = list(selectors.meeting_attendances(meeting))
    context = attendance_context(attendances)
    status = 400 if error is not None else 200
    return answer(
        request,
        meeting,
        template="desk/_attendance.html",
        context=context,
        anchor="attendance",
        error=error,
        status=status,
    )


@login_required
@require_POST
def add_members(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = entry_meeting(request, pk)
    try:
        services.attendance_add_body_members(meeting=meeting, by=request.user)
    except ValidationError as error:
        return _section(request, meeting, error)
    return _section(request, meeting)


@login_required
@require_GET
def search(request: HttpRequest, pk: int) -> HttpResponse:
    entry_meeting(request, pk)
    query = request.GET.get("q", "")[:100]
    context = {
        "query": query,
        "people": directory.people_search(query),
        "organizations": directory.organizations_search(query),
    }
    return render(request, "desk/_search_results.html", context)


@login_required
@require_POST
def add_attendee(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = entry_meeting(request, pk)
    form = AttendeeForm(request.POST)
    if not form.is_valid():
        return _section(request, meeting, ValidationError(form_errors(form)))
    data = form.cleaned_data
    person = get_object_or_404(Person, pk=data["person"]) if data["person"] else None
    organization = get_object_or_404(Organization, pk=data["organization"]) if data["organization"] else None
    try:
        services.attendance_add(
            meeting=meeting,
            category=data["category"],
            person=person,
            organization=organization,
            role_label=data["role_label"],
            by=request.user,
        )
    except ValidationError as error:
        return _section(request, meeting, error)
    return _section(request, meeting)


@login_required
@require_POST
def add_new_person(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = entry_meeting(request, pk)
    form = NewPersonForm(request.POST)
    if not form.is_valid():
        return _section(request, meeting, ValidationError(form_errors(form)))
    data = dict(form.cleaned_data)
    category, role_label = data.pop("category"), data.pop("role_label")
    try:
        services.require_editable(meeting=meeting, by=request.user)
        person = directory_services.person_create(by=request.user, **data)
        services.attendance_add(
            meeting=meeting, category=category, person=person, role_label=role_label, by=request.user
        )
    except ValidationError as error:
        return _section(request, meeting, error)
    return _section(request, meeting)


def _attendance(request: HttpRequest, pk: int) -> Attendance:
    attendance = get_object_or_404(Attendance.objects.select_related("meeting__body"), pk=pk)
    entry_meeting(request, attendance.meeting_id)
    return attendance


@login_required
@require_POST
def update(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = _attendance(request, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return _section(request, attendance.meeting, ValidationError(form_errors(form)))
    try:
        services.attendance_update(attendance=attendance, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _section(request, attendance.meeting, error)
    return _section(request, attendance.meeting)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = _attendance(request, pk)
    meeting = attendance.meeting
    try:
        services.attendance_remove(attendance=attendance, by=request.user)
    except ValidationError as error:
        return _section(request, meeting, error)
    return _section(request, meeting)
