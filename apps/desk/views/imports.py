"""The import workbench: upload, follow the reading, review beside the source, correct, commit."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access import permissions
from apps.directory.models import Body, Person
from apps.importer import selectors, workbench
from apps.importer.models import ImportRun

from ..forms import ImportForm
from .common import is_htmx


def _bodies(request: HttpRequest):
    ids = permissions.entry_body_ids(request.user)
    return Body.objects.all() if ids is None else Body.objects.filter(pk__in=ids)


def _run(request: HttpRequest, pk: int) -> ImportRun:
    """The run, for the secretariat of its body; 404 for everyone else."""
    run = get_object_or_404(selectors.import_runs_for(permissions.entry_body_ids(request.user)), pk=pk)
    if not permissions.can_enter_meetings(request.user, run.body):
        raise Http404
    return run


@login_required
def import_new(request: HttpRequest) -> HttpResponse:
    bodies = _bodies(request)
    if not bodies.exists():
        raise Http404
    form = ImportForm(request.POST or None, bodies=bodies.order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            runs = workbench.import_runs_create(
                uploads=request.FILES.getlist("files"), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if len(runs) == 1:
                return redirect("desk:import", runs[0].pk)
            return redirect("desk:import_batch", runs[0].batch)
    status = 400 if form.errors else 200
    recent = selectors.import_runs_for(permissions.entry_body_ids(request.user))[:20]
    return render(request, "desk/import_new.html", {"form": form, "recent": recent}, status=status)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    context: dict = {"run": run}
    if run.status == ImportRun.Status.PARSED:
        parsed = workbench.corrected_minutes(run)
        statements = [
            (i, j, s.speaker, s.text)
            for i, item in enumerate(parsed.agenda_items, start=1)
            for j, s in enumerate(item.statements, start=1)
        ]
        context |= {
            "lines": selectors.source_lines(run),
            "parsed": parsed,
            "proposals": selectors.person_proposals(run),
            "diff": selectors.reimport_diff(run, statements),
            "corrections": run.corrections,
        }
    return render(request, "desk/import_detail.html", context)


@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled while the file is read; the page reloads once it is."""
    run = _run(request, pk)
    response = render(request, "desk/_import_progress.html", {"runs": [run], "run": run})
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.PARSING):
        response["HX-Refresh"] = "true"
    return response


@login_required
def import_batch(request: HttpRequest, batch: uuid.UUID) -> HttpResponse:
    runs = list(selectors.import_runs_for(permissions.entry_body_ids(request.user)).filter(batch=batch).order_by("id"))
    if not runs:
        raise Http404
    template = "desk/_import_batch_rows.html" if is_htmx(request) else "desk/import_batch.html"
    return render(request, template, {"runs": runs, "batch": batch})


def _answer(request: HttpRequest, run: ImportRun, message: str, status: int = 200) -> HttpResponse:
    if is_htmx(request):
        return render(request, "desk/_saved.html", {"message": message, "error": status != 200}, status=status)
    (messages.success if status == 200 else messages.error)(request, message)
    return redirect("desk:import", run.pk)


@login_required
@require_POST
def import_correct(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    field, value = request.POST.get("field", "")[:40], request.POST.get("value", "")[:100_000]
    try:
        workbench.import_run_correct(run=run, field=field, value=value, by=request.user)
    except ValidationError as error:
        return _answer(request, run, " ".join(error.messages), 400)
    return _answer(request, run, _("Saved."))


@login_required
@require_POST
def import_match(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    position, choice = request.POST.get("position", ""), request.POST.get("choice", "")
    if not position.isdigit() or not (choice in ("", "new") or choice.isdigit()):
        return _answer(request, run, _("Choose a person, “new person” or the proposal."), 400)
    person = get_object_or_404(Person, pk=int(choice)) if choice.isdigit() else None
    try:
        workbench.import_run_match(
            run=run, position=int(position), person=person, create=choice == "new", by=request.user
        )
    except ValidationError as error:
        return _answer(request, run, " ".join(error.messages), 400)
    return _answer(request, run, _("Saved."))


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        meeting = workbench.import_run_commit(run=run, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("desk:import", run.pk)
    messages.success(request, _("The minutes were imported."))
    return redirect(reverse("desk:edit", args=[meeting.pk]))
