"""Statements from the keyboard: each saves on its own; Ctrl+Enter saves and opens the next."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from apps.core.locking import StaleEditError
from apps.meetings import selectors, statements
from apps.meetings.models import AgendaItem, Statement

from ..forms import MoveForm, StatementForm
from .common import answer, entry_item, entry_statement, form_errors, is_htmx, refusal, statement_form


@login_required
@require_POST
def statement_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a new statement; answer with it (appended to the list) and a fresh form proposing the next speaker."""
    item = entry_item(request, pk)
    form = StatementForm(request.POST, auto_id=f"s{item.pk}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            statement = statements.statement_save(
                agenda_item=item,
                speaker_label=data["speaker_label"],
                kind=data["kind"],
                text=data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            rows = list(
                Statement.objects.filter(agenda_item=item).order_by("order", "id").only("speaker_label", "kind")
            )
            attendances = list(selectors.meeting_attendances(item.meeting))
            context = {
                "c": {"item": item, "statement_form": statement_form(item, rows, attendances), "focus": True},
                "statement": statement,
                "counter": len(rows),
            }
            return answer(
                request,
                item.meeting,
                template="desk/_statement_added.html",
                context=context,
                anchor=f"st-{statement.pk}",
            )
    context = {"c": {"item": item, "statement_form": form}}
    refusal = ValidationError(form_errors(form))
    return answer(
        request, item.meeting, template="desk/_statement_form.html", context=context, error=refusal, status=400
    )


@login_required
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the row as a form; POST: save it, refused (409, the text kept) if someone else saved first."""
    statement = entry_statement(request, pk)
    meeting = statement.agenda_item.meeting
    blocked = refusal(meeting)
    if blocked is not None:  # read-only: the row comes back without its tools, with the reason
        context = {"statement": statement, "counter": _counter(request.GET), "editable": False}
        return answer(request, meeting, template="desk/_statement.html", context=context, error=blocked, status=400)
    if request.method != "POST":
        initial = {"speaker_label": statement.speaker_label, "kind": statement.kind, "text": statement.text}
        form = StatementForm(initial={**initial, "base_version": statement.version}, auto_id=f"e{pk}-%s")
        context = {"statement": statement, "form": form, "meeting": meeting, "counter": _counter(request.GET)}
        return render(request, "desk/_statement_edit.html", context)
    form = StatementForm(request.POST, auto_id=f"e{pk}-%s")
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            statement = statements.statement_save(
                agenda_item=statement.agenda_item,
                statement=statement,
                base_version=data["base_version"],
                speaker_label=data["speaker_label"],
                kind=data["kind"],
                text=data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            status = 409 if isinstance(error, StaleEditError) else 400
            statement.refresh_from_db()
            # The user now sees the stored text beside theirs: saving again applies theirs on top of it.
            data = request.POST.copy()
            data["base_version"] = str(statement.version)
            form.data = data
        else:
            context = {"statement": statement, "counter": _counter(request.POST)}
            return answer(request, meeting, template="desk/_statement.html", context=context, anchor=f"st-{pk}")
    context = {"statement": statement, "form": form, "meeting": meeting, "counter": _counter(request.POST)}
    template = "desk/_statement_edit.html" if is_htmx(request) else "desk/statement_edit_page.html"
    return render(request, template, context, status=status)


def _counter(data) -> int:
    """The row's position in its list, which the row's move buttons need (1 when unknown)."""
    value = data.get("counter", "")
    return int(value) if value.isdigit() else 1


def _list(request: HttpRequest, item: AgendaItem, error: ValidationError | None = None) -> HttpResponse:
    rows = list(selectors.editor_items().get(pk=item.pk).statements.all())
    context = {"c": {"item": item, "statements": rows}}
    status = 409 if isinstance(error, StaleEditError) else 400 if error is not None else 200
    return answer(
        request,
        item.meeting,
        template="desk/_statement_list.html",
        context=context,
        anchor=f"item-{item.pk}",
        error=error,
        status=status,
    )


@login_required
@require_POST
def statement_move(request: HttpRequest, pk: int) -> HttpResponse:
    statement = entry_statement(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _list(request, statement.agenda_item, ValidationError(form_errors(form)))
    try:
        statements.statement_move(statement=statement, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _list(request, statement.agenda_item, error)
    return _list(request, statement.agenda_item)


@login_required
@require_POST
def statement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    statement = entry_statement(request, pk)
    item = statement.agenda_item
    version = request.POST.get("base_version", "")
    try:
        statements.statement_delete(statement=statement, base_version=int(version or 0), by=request.user)
    except ValidationError as error:
        return _list(request, item, error)
    return _list(request, item)
