"""Portal pages of the issue register: register, stakeholder matrix, issue page, statement search.

Thin views over apps.deliberation.selectors; every page shows only what the visitor may see
(apps.core.permissions), and an issue the visitor may not see is a 404, never a 403.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.permissions import visible_bodies, visible_issues, visible_meetings
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting

from .models import Issue, IssueStatus
from .ngrams import search_form
from .selectors import issue_history, issue_register, overdue_assignments, stakeholder_matrix, statement_search

PAGE_SIZE = 50


def _body(request: HttpRequest, pk: int) -> Body:
    return get_object_or_404(visible_bodies(request.user, Body.objects.select_related("parent")), pk=pk)


def register(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    status = request.GET.get("status", "")
    statuses = [status] if status in IssueStatus.values else None
    issues = issue_register(body=body, statuses=statuses, user=request.user)
    overdue = overdue_assignments(body=body, user=request.user)[:PAGE_SIZE]
    context = {
        "body": body,
        "issues": issues[: PAGE_SIZE * 4],
        "overdue": overdue,
        "overdue_ids": {assignment.pk for assignment in overdue},
        "statuses": IssueStatus.choices,
        "status": status,
        "today": timezone.localdate(),
    }
    return render(request, "register/register.html", context)


def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    meetings = visible_meetings(request.user, Meeting.objects.filter(body=body)).order_by("number")
    as_of = None
    if request.GET.get("as_of", "").isdigit():
        as_of = get_object_or_404(meetings, pk=int(request.GET["as_of"]))
    table = stakeholder_matrix(body=body, as_of=as_of, user=request.user)
    context = {"body": body, "matrix": table, "meetings": meetings, "as_of": as_of}
    return render(request, "register/matrix.html", context)


def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(
        visible_issues(request.user, Issue.objects.select_related("body", "raised_in", "resolved_in")), pk=pk
    )
    history = issue_history(issue=issue, user=request.user)
    latest_positions = {}
    for entry in history:
        if entry.kind == "position":
            position = entry.item
            latest_positions[position.organization_id or -position.person_id] = position
    context = {
        "issue": issue,
        "history": history,
        "positions": sorted(latest_positions.values(), key=lambda p: str(p.organization or p.person)),
        "assignments": [entry.item for entry in history if entry.kind == "assignment"],
        "today": timezone.localdate(),
    }
    return render(request, "register/issue.html", context)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("words"), max_length=100)
    body = forms.ModelChoiceField(Body.objects.all(), label=_("body"), required=False)
    meeting = forms.ModelChoiceField(Meeting.objects.all(), label=_("meeting"), required=False)
    organization = forms.ModelChoiceField(Organization.objects.all(), label=_("organization"), required=False)
    speaker = forms.ModelChoiceField(Person.objects.all(), label=_("speaker"), required=False)
    issue = forms.ModelChoiceField(Issue.objects.all(), label=_("issue"), required=False)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    body_field = form.fields["body"]
    body_field.queryset = visible_bodies(request.user)  # type: ignore[attr-defined]
    form.fields["meeting"].queryset = visible_meetings(request.user).select_related("body")  # type: ignore[attr-defined]
    form.fields["issue"].queryset = visible_issues(request.user).select_related("body")  # type: ignore[attr-defined]
    page = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            results = statement_search(
                term=data["q"],
                body=data["body"],
                meeting=data["meeting"],
                organization=data["organization"],
                speaker=data["speaker"],
                issue=data["issue"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("q", error.messages)
        else:
            page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "needle": search_form(request.GET.get("q", "")).strip(),
        "query": query.urlencode(),
    }
    return render(request, "register/search.html", context)
