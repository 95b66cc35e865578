"""The secretariat's review-management page and its actions; every rule lives in the services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
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
from .common import ask_to_confirm, run_service, visible_meeting


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
    requests = (
        list(
            minutes.review_requests.select_related("reviewer__organization")
            .annotate(statement_count=Count("statements"))
            .order_by("reviewer__name_kana", "id")
        )
        if minutes.pk
        else []
    )
    context: dict[str, Any] = {
        "meeting": meeting,
        "minutes": minutes,
        "requests": requests,
        "approved_count": sum(1 for r in requests if r.status == ReviewRequest.Status.APPROVED),
        "unreachable": [
            r for r in requests if r.reviewer.user_id is None and r.status != ReviewRequest.Status.APPROVED
        ],
        "recording": minutes.status == Minutes.Status.IN_REVIEW,  # approvals by mail or phone
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
    try:
        requests = services.minutes_send_for_review(
            minutes=services.minutes_for_meeting(meeting=meeting),
            due_on=form.cleaned_data["due_on"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_manage_url(meeting))
    messages.success(request, sent_for_review_message(requests))
    return redirect(_manage_url(meeting))


def sent_for_review_message(requests: list[ReviewRequest]) -> str:
    """Says who was told and who was not: a reviewer without a portal account must be asked another way."""
    unreachable = [r.reviewer.full_name for r in requests if r.reviewer.user is None]
    emailed = sum(1 for r in requests if r.reviewer.user is not None and r.reviewer.user.email)
    message = _(
        "Sent for review to %(total)d reviewers: %(notified)d notified in the portal, %(emailed)d of them by email."
    ) % {"total": len(requests), "notified": len(requests) - len(unreachable), "emailed": emailed}
    if unreachable:
        message += " " + _(
            "%(count)d have no portal account and were not notified; send them the request another way: %(names)s."
        ) % {"count": len(unreachable), "names": "、".join(unreachable)}
    return message


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
    question = _("Publish the minutes of %(meeting)s?") % {"meeting": meeting}
    detail = _("Everyone will be able to read them, and the record is frozen: later corrections are errata.")
    if (page := ask_to_confirm(request, question=question, detail=detail, cancel=_manage_url(meeting))) is not None:
        return page
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
def record_approvals(request: HttpRequest, pk: int) -> HttpResponse:
    """Record, in one action, the approvals several reviewers gave by mail or phone."""
    meeting = _managed_meeting(request, pk)
    chosen = ReviewRequest.objects.filter(
        minutes__meeting=meeting, pk__in=[v for v in request.POST.getlist("review") if v.isdigit()]
    ).select_related("reviewer")
    if not chosen:
        messages.error(request, _("Select the reviewers whose approval you received."))
        return redirect(_manage_url(meeting))
    recorded, refused = 0, []
    for review in chosen:
        try:
            services.review_record_approval(review_request=review, by=request.user)
        except ValidationError as error:
            refused.append(f"{review.reviewer.full_name}: {' '.join(error.messages)}")
        else:
            recorded += 1
    minutes = services.minutes_for_meeting(meeting=meeting)
    approved = minutes.review_requests.filter(status=ReviewRequest.Status.APPROVED).count()
    messages.success(
        request,
        _("%(recorded)d approvals recorded; %(approved)d/%(total)d reviews are now approved.")
        % {"recorded": recorded, "approved": approved, "total": minutes.review_requests.count()},
    )
    for message in refused:
        messages.error(request, message)
    return redirect(_manage_url(meeting) + "#requests")


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
