"""A new meeting, and the editor page with its header."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.directory.models import Body
from apps.meetings import selectors, services

from ..forms import AgendaItemForm, MeetingForm, NewMeetingForm
from .common import attendance_context, editor_url, entry_meeting, item_context, refusal, row_labels


def _bodies(request: HttpRequest):
    ids = permissions.entry_body_ids(request.user)
    return Body.objects.all() if ids is None else Body.objects.filter(pk__in=ids)


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    body_id = request.GET.get("body", "")
    if not body_id.isdigit():
        bodies = _bodies(request)
        if not bodies.exists():
            raise Http404
        return render(request, "desk/choose_body.html", {"bodies": bodies.order_by("name")})
    body = get_object_or_404(_bodies(request), pk=int(body_id))
    number = selectors.next_meeting_number(body)
    form = NewMeetingForm(
        request.POST or None,
        initial={
            "number": number,
            "title": selectors.proposed_meeting_title(body, number),
            "mode": "in_person",
            "add_members": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(body=body, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was created."))
            return redirect(editor_url(meeting))
    status = 400 if form.errors else 200
    return render(request, "desk/meeting_new.html", {"form": form, "body": body}, status=status)


@login_required
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = entry_meeting(request, pk)
    form = MeetingForm(request.POST or None, initial=_header(meeting))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting was saved."))
                return redirect(editor_url(meeting))
        status = 400
    return render(request, "desk/editor.html", _editor_context(meeting.pk, form), status=status)


def _header(meeting) -> dict:
    local = timezone.localtime
    return {
        "number": meeting.number,
        "title": meeting.title,
        "starts_at": local(meeting.starts_at),
        "ends_at": local(meeting.ends_at) if meeting.ends_at else None,
        "venue": meeting.venue,
        "mode": meeting.mode,
    }


def _editor_context(pk: int, header_form: MeetingForm) -> dict:
    meeting = selectors.editor_meeting(pk)
    attendances = list(meeting.attendances.all())
    blocked = refusal(meeting)
    return {
        "meeting": meeting,
        "header_form": header_form,
        "labels": row_labels(),
        "editable": blocked is None,
        "refusal": blocked.messages[0] if blocked else "",
        **attendance_context(attendances),
        "materials": list(meeting.materials.all()),
        "items": [item_context(item, attendances) for item in meeting.agenda_items.all()],
        "agenda_form": AgendaItemForm(auto_id="new-item-%s"),
    }
