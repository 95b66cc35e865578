"""What every desk view shares: who may enter a meeting, the editor's context, answering htmx or not."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.access import permissions
from apps.meetings import selectors
from apps.meetings.models import AgendaItem, Attendance, Meeting, Statement

from ..forms import AttendeeForm, DecisionForm, NewPersonForm, StatementForm


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (django-htmx's middleware sets `request.htmx`)."""
    return bool(getattr(request, "htmx", False))


def entry_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, for its body's secretariat; 404 for everyone else (they need not know it exists)."""
    return _entered(request, get_object_or_404(Meeting.objects.select_related("body", "minutes"), pk=pk))


def _entered(request: HttpRequest, meeting: Meeting) -> Meeting:
    if not permissions.can_enter_meetings(request.user, meeting.body):
        raise Http404
    return meeting


def entry_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body", "meeting__minutes"), pk=pk)
    _entered(request, item.meeting)
    return item


def entry_statement(request: HttpRequest, pk: int) -> Statement:
    statement = get_object_or_404(
        Statement.objects.select_related("agenda_item__meeting__body", "agenda_item__meeting__minutes"), pk=pk
    )
    _entered(request, statement.agenda_item.meeting)
    return statement


def editor_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("desk:edit", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def row_labels() -> dict[str, str]:
    """The words on every statement row, translated once per page rather than once per row."""
    return {"edit": _("Edit"), "delete": _("Delete"), "confirm_delete": _("Delete this statement?")}


def refusal(meeting: Meeting) -> ValidationError | None:
    return selectors.edit_refusal(getattr(meeting, "minutes", None))


def statement_form(item: AgendaItem, statements: list[Statement], attendances: list) -> StatementForm:
    """A fresh statement form proposing the likely next speaker and kind."""
    speaker, kind = selectors.next_speaker(statements, attendances)
    return StatementForm(initial={"speaker_label": speaker, "kind": kind}, auto_id=f"s{item.pk}-%s")


def attendance_context(attendances: list[Attendance]) -> dict[str, Any]:
    return {
        "attendances": attendances,
        "speakers": selectors.speaker_choices(attendances),
        "attendee_form": AttendeeForm(initial={"category": Attendance.Category.OTHER}),
        "person_form": NewPersonForm(initial={"category": Attendance.Category.OTHER}, auto_id="np-%s"),
    }


def item_context(item: AgendaItem, attendances: list, **extra: Any) -> dict[str, Any]:
    """What one agenda item's block shows (the template reads it as `c`)."""
    statements = list(item.statements.all())
    return {
        "item": item,
        "statements": statements,
        "statement_form": extra.pop("statement_form", None) or statement_form(item, statements, attendances),
        "decision_form": DecisionForm(auto_id=f"d{item.pk}-%s"),
        **extra,
    }


def answer(
    request: HttpRequest,
    meeting: Meeting,
    *,
    template: str,
    context: dict[str, Any],
    anchor: str = "",
    error: ValidationError | None = None,
    status: int = 200,
) -> HttpResponse:
    """The fragment for htmx; without JavaScript, back to the editor with the outcome as a message."""
    if is_htmx(request):
        if error is not None:
            context = {**context, "errors": error.messages}
        context = {"meeting": meeting, "editable": True, "labels": row_labels(), **context}
        return render(request, template, context, status=status)
    if error is not None:
        for message in error.messages:
            messages.error(request, message)
    return redirect(editor_url(meeting, anchor))


def form_errors(form) -> list[str]:
    """A form's errors as one list of messages naming their field."""
    return [
        f"{form.fields[field].label}: {message}" if field in form.fields and form.fields[field].label else message
        for field, errors in form.errors.items()
        for message in errors
    ]
