"""The secretariat's review-management page and its actions; every rule lives in the services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access import permissions
from apps.core.locking import StaleEditError
from apps.meetings.models import Meeting, Statement
from apps.minutes import services
from apps.minutes.models import Minutes, ReviewRequest, Suggestion

from ..forms import ApproveForm, ErratumForm, SendForReviewForm, StatementEditForm
from .common import run_service, visible_meeting


def _managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = visible_meeting(request, pk)
    if not permissions.can_manage_minutes(request.user, meeting):
        raise PermissionDenied(_("Only the secretariat of this body manages its minutes."))
    return meeting


def _manage_url(meeting: Meeting) -> str:
    return reverse("portal:manage", args=[meeting.pk])


def _meeting_url(meeting: Meeting) -> str:
    return reverse("portal:meeting", args=[meeting.pk])


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    # A meeting entered without minutes yet shows as a draft; the row is made by the first step.
    minutes = getattr(meeting, "minutes", None) or Minutes(meeting=meeting)
    suggestions = (
        Suggestion.objects.filter(statement__agenda_item__meeting=meeting)
        .select_related("statement", "review_request__reviewer")
        .order_by("status", "created", "id")
    )
    statements = Statement.objects.filter(agenda_item__meeting=meeting).select_related("agenda_item", "speaker")
    context: dict[str, Any] = {
        "meeting": meeting,
        "minutes": minutes,
        "requests": minutes.review_requests.select_related("reviewer").order_by("reviewer__name_kana", "id")
        if minutes.pk
        else [],
        "suggestions": suggestions,
        "statements": statements.order_by("agenda_item__order", "order", "id"),
        "unreviewed": statements.filter(speaker__isnull=True).count(),
        "send_form": SendForReviewForm(),
        "approve_form": ApproveForm(meeting=meeting),
        "erratum_form": ErratumForm(),
        "editable": minutes.status in (Minutes.Status.DRAFT, Minutes.Status.IN_REVIEW),
    }
    return render(request, "portal/manage.html", context)


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@login_required
@require_POST
def send_for_review(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = SendForReviewForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_manage_url(meeting))
    return run_service(
        request,
        lambda: services.minutes_send_for_review(
            minutes=services.minutes_for_meeting(meeting=meeting),
            due_on=form.cleaned_data["due_on"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        ),
        success=_("The minutes were sent for review; each speaker was notified."),
        then=_manage_url(meeting),
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    form = ApproveForm(request.POST, meeting=meeting)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_manage_url(meeting))
    return run_service(
        request,
        lambda: services.minutes_approve(
            minutes=services.minutes_for_meeting(meeting=meeting),
            approved_in=form.cleaned_data["approved_in"],
            despite_pending=form.cleaned_data["despite_pending"],
            by=request.user,
        ),
        success=_("The minutes are approved."),
        then=_manage_url(meeting) if permissions.can_manage_minutes(request.user, meeting) else _meeting_url(meeting),
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    return run_service(
        request,
        lambda: services.minutes_publish(minutes=services.minutes_for_meeting(meeting=meeting), by=request.user),
        success=_("The minutes are published."),
        then=_meeting_url(meeting),
    )


@login_required
@require_POST
def add_erratum(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = ErratumForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_manage_url(meeting))
    return run_service(
        request,
        lambda: services.erratum_add(
            minutes=services.minutes_for_meeting(meeting=meeting), by=request.user, **form.cleaned_data
        ),
        success=_("The erratum was added."),
        then=_manage_url(meeting),
    )


@login_required
@require_POST
def record_approval(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(ReviewRequest.objects.select_related("minutes"), pk=pk)
    meeting = _managed_meeting(request, review.minutes.meeting_id)
    return run_service(
        request,
        lambda: services.review_record_approval(review_request=review, by=request.user),
        success=_("The reviewer's approval was recorded."),
        then=_manage_url(meeting),
    )


def _suggestion_meeting(request: HttpRequest, pk: int) -> tuple[Suggestion, Meeting]:
    suggestion = get_object_or_404(Suggestion.objects.select_related("statement__agenda_item"), pk=pk)
    return suggestion, _managed_meeting(request, suggestion.statement.agenda_item.meeting_id)


@login_required
@require_POST
def accept_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, meeting = _suggestion_meeting(request, pk)
    return run_service(
        request,
        lambda: services.suggestion_accept(suggestion=suggestion, by=request.user),
        success=_("The correction was accepted; the statement now reads as proposed."),
        then=_manage_url(meeting),
    )


@login_required
@require_POST
def reject_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, meeting = _suggestion_meeting(request, pk)
    return run_service(
        request,
        lambda: services.suggestion_reject(suggestion=suggestion, by=request.user),
        success=_("The correction was rejected; the reviewer will be asked again."),
        then=_manage_url(meeting),
    )


@login_required
def edit_statement(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.select_related("agenda_item"), pk=pk)
    meeting = _managed_meeting(request, statement.agenda_item.meeting_id)
    if request.method != "POST":
        form = StatementEditForm(initial={"text": statement.text, "base_version": statement.version})
        return render(request, "portal/statement_edit.html", {"form": form, "statement": statement, "meeting": meeting})
    form = StatementEditForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.statement_update(
                statement=statement,
                text=form.cleaned_data["text"],
                base_version=form.cleaned_data["base_version"],
                by=request.user,
            )
        except ValidationError as error:
            # The user's text stays in the form: nothing is lost, and nothing was overwritten.
            form.add_error(None, error)
            status = 409 if isinstance(error, StaleEditError) else 400
            statement.refresh_from_db()
        else:
            messages.success(request, _("The statement was saved."))
            return redirect(_manage_url(meeting) + f"#statement-{statement.pk}")
    context = {"form": form, "statement": statement, "meeting": meeting}
    return render(request, "portal/statement_edit.html", context, status=status)
