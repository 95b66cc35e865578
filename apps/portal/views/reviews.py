"""The reviewer's side: my reviews, and the review page of one request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access import permissions
from apps.meetings.models import Statement
from apps.minutes import services
from apps.minutes.models import ReviewRequest
from apps.minutes.selectors import review_requests_for, review_states

from ..forms import SuggestionForm
from .common import run_service


def _review_or_404(request: HttpRequest, pk: int) -> ReviewRequest:
    review = get_object_or_404(ReviewRequest.objects.select_related("minutes__meeting__body", "reviewer__user"), pk=pk)
    if not permissions.can_view_review(request.user, review):
        raise Http404
    return review


def _anchor(review: ReviewRequest, statement: Statement) -> str:
    return reverse("portal:review", args=[review.pk]) + f"#statement-{statement.pk}"


@login_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    reviews = review_requests_for(user=request.user)[:100]
    return render(request, "portal/my_reviews.html", {"reviews": reviews})


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_or_404(request, pk)
    meeting = review.minutes.meeting
    states = review_states(review_request=review)
    items = []
    for item in meeting.agenda_items.order_by("order", "id"):
        item_states = sorted(
            (s for s in states.values() if s.statement.agenda_item_id == item.pk),
            key=lambda s: (s.statement.order, s.statement.pk),
        )
        items.append((item, item_states))
    context = {
        "review": review,
        "meeting": meeting,
        "items": items,
        "can_act": permissions.is_reviewer(request.user, review) and review.minutes.status == "in_review",
    }
    return render(request, "portal/review_detail.html", context)


@login_required
@require_POST
def review_approve_all(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_or_404(request, pk)
    return run_service(
        request,
        lambda: services.review_approve_all(review_request=review, by=request.user),
        success=_("All your statements are approved. Thank you."),
        then=reverse("portal:review", args=[review.pk]),
    )


@login_required
@require_POST
def review_approve_statement(request: HttpRequest, pk: int, statement_pk: int) -> HttpResponse:
    review = _review_or_404(request, pk)
    statement = get_object_or_404(Statement, pk=statement_pk)
    return run_service(
        request,
        lambda: services.review_approve_statement(review_request=review, statement=statement, by=request.user),
        success=_("Statement approved."),
        then=_anchor(review, statement),
    )


@login_required
@require_POST
def review_suggest(request: HttpRequest, pk: int, statement_pk: int) -> HttpResponse:
    review = _review_or_404(request, pk)
    statement = get_object_or_404(Statement, pk=statement_pk)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the corrected text of the statement."))
        return redirect(_anchor(review, statement))
    return run_service(
        request,
        lambda: services.suggestion_propose(
            review_request=review,
            statement=statement,
            proposed_text=form.cleaned_data["proposed_text"],
            base_version=form.cleaned_data["base_version"],
            comment=form.cleaned_data["comment"],
            by=request.user,
        ),
        success=_("Your correction was sent to the secretariat."),
        then=_anchor(review, statement),
    )
