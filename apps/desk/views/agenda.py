"""Agenda items with their materials and decisions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.meetings import selectors, services, statements
from apps.meetings.models import AgendaItem, Material, Meeting

from ..forms import AgendaItemForm, DecisionForm, MaterialForm
from .common import answer, entry_item, entry_meeting, form_errors, item_context


def _agenda(request: HttpRequest, meeting: Meeting, error: ValidationError | None = None, **extra) -> HttpResponse:
    """The whole agenda section: a new item or material changes what every item may link."""
    meeting = selectors.editor_meeting(meeting.pk)
    attendances = list(meeting.attendances.all())
    context = {
        # After a new item, typing goes on in its statement form.
        "items": [
            item_context(item, attendances, focus=item.pk == extra.get("focus_item"))
            for item in meeting.agenda_items.all()
        ],
        "materials": list(meeting.materials.all()),
        "agenda_form": extra.get("agenda_form") or AgendaItemForm(auto_id="new-item-%s"),
    }
    status = 400 if error is not None else 200
    return answer(
        request, meeting, template="desk/_agenda.html", context=context, anchor="agenda", error=error, status=status
    )


def one_item(request: HttpRequest, item: AgendaItem, error: ValidationError | None = None, **extra) -> HttpResponse:
    """One agenda item's block, after a save that changes nothing outside it."""
    meeting = item.meeting
    item = selectors.editor_items().get(pk=item.pk)
    attendances = list(selectors.meeting_attendances(meeting))
    context = {"c": item_context(item, attendances, **extra), "materials": list(meeting.materials.all())}
    status = 400 if error is not None else 200
    return answer(
        request,
        meeting,
        template="desk/_agenda_item.html",
        context=context,
        anchor=f"item-{item.pk}",
        error=error,
        status=status,
    )


@login_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new agenda item, with the material files chosen with it (labels proposed in order)."""
    meeting = entry_meeting(request, pk)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return _agenda(request, meeting, ValidationError(form_errors(form)), agenda_form=form)
    try:
        with transaction.atomic():  # the item and its files, or nothing
            item = services.agenda_item_save(meeting=meeting, by=request.user, **form.cleaned_data)
            for upload in request.FILES.getlist("files"):
                services.material_upload(meeting=meeting, upload=upload, agenda_item=item, by=request.user)
    except ValidationError as error:
        return _agenda(request, meeting, error, agenda_form=form)
    return _agenda(request, meeting, focus_item=item.pk)


@login_required
def item_update(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the item's form, loaded when asked for.

    POST: its wording, and which of this meeting's materials it covers.
    """
    item = entry_item(request, pk)
    if request.method != "POST":
        form = AgendaItemForm(
            initial={"title": item.title, "number_label": item.number_label, "proceedings": item.proceedings},
            auto_id=f"i{item.pk}-%s",
        )
        context = {
            "c": {"item": item, "item_form": form, "material_form": MaterialForm(auto_id=f"m{item.pk}-%s")},
            "materials": list(item.meeting.materials.order_by("sort_key", "id")),
        }
        return render(request, "desk/_item_edit.html", context)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return _agenda(request, item.meeting, ValidationError(form_errors(form)))
    chosen = [int(value) for value in request.POST.getlist("materials") if value.isdigit()]
    try:
        services.agenda_item_save(
            meeting=item.meeting,
            item=item,
            materials=list(Material.objects.filter(pk__in=chosen)),
            by=request.user,
            **form.cleaned_data,
        )
    except ValidationError as error:
        return _agenda(request, item.meeting, error)
    return _agenda(request, item.meeting)


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = entry_item(request, pk)
    form = MaterialForm(request.POST)
    uploads = request.FILES.getlist("files")
    if not form.is_valid() or not uploads:
        return _agenda(request, item.meeting, ValidationError(form_errors(form) or [_("Choose a file to upload.")]))
    try:
        with transaction.atomic():
            for upload in uploads:
                services.material_upload(
                    meeting=item.meeting,
                    upload=upload,
                    agenda_item=item,
                    label=form.cleaned_data["label"] if len(uploads) == 1 else "",
                    title=form.cleaned_data["title"] if len(uploads) == 1 else "",
                    by=request.user,
                )
    except ValidationError as error:
        return _agenda(request, item.meeting, error)
    return _agenda(request, item.meeting)


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = entry_item(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return one_item(request, item, ValidationError(form_errors(form)))
    try:
        statements.decision_save(agenda_item=item, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return one_item(request, item, error)
    return one_item(request, item)
