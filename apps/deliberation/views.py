"""Portal pages of the issue register: register, stakeholder matrix, issue page, statement search.

Thin views over apps.deliberation.selectors; every page shows only what the visitor may see
(apps.access.permissions), and an issue the visitor may not see is a 404, never a 403.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.access.permissions import (
    is_secretariat,
    mark_public_statements,
    secretariat_body_ids,
    visible_bodies,
    visible_issues,
    visible_meetings,
)
from apps.directory.models import Body, Organization, Person
from apps.directory.trees import body_tree, tree_choice_label
from apps.meetings.models import Meeting, Statement

from . import services
from .models import Issue, IssueStatus, Position
from .search_plan import search_count, search_page
from .search_scope import SearchScope
from .selectors import (
    issue_history,
    issue_register,
    overdue_assignments,
    stakeholder_matrix,
    tag_suggestions,
    taggable_issues,
)

PAGE_SIZE = 50


def _meeting_of(statement: Statement) -> Meeting:
    return statement.agenda_item.meeting


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
        "statuses": IssueStatus.choices,
        "status": status,
    }
    return render(request, "register/register.html", context)


def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    meetings = visible_meetings(request.user, Meeting.objects.filter(body=body)).order_by("number")
    as_of = None
    if request.GET.get("as_of", "").isdigit():
        as_of = get_object_or_404(meetings, pk=int(request.GET["as_of"]))
    table = stakeholder_matrix(body=body, as_of=as_of, user=request.user)
    context = {"body": body, "matrix": table, "meetings": meetings, "as_of": as_of, "stances": Position.Stance.choices}
    return render(request, "register/matrix.html", context)


def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(
        visible_issues(request.user, Issue.objects.select_related("body", "raised_in", "resolved_in")), pk=pk
    )
    history = issue_history(issue=issue, user=request.user)
    statements = [entry.item for entry in history if entry.kind == "statement"]
    mark_public_statements(request.user, statements, meeting_of=_meeting_of)
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
        "tagging_body_ids": _tagging_body_ids(request),
    }
    return render(request, "register/issue.html", context)


class SearchForm(forms.Form):
    # Not required: a form opened without words (from the header, or a body's page) is not an error.
    q = forms.CharField(label=_("words"), max_length=100, required=False)
    body = forms.ModelChoiceField(Body.objects.all(), label=_("body"), required=False)
    meeting = forms.ModelChoiceField(Meeting.objects.all(), label=_("meeting"), required=False)
    organization = forms.ModelChoiceField(Organization.objects.all(), label=_("organization"), required=False)
    speaker = forms.ModelChoiceField(Person.objects.all(), label=_("speaker"), required=False)
    issue = forms.ModelChoiceField(Issue.objects.all(), label=_("issue"), required=False)
    date_from = forms.DateField(label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("to (inclusive)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    FILTERS = ("body", "meeting", "organization", "speaker", "issue", "date_from", "date_to")

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bodies = visible_bodies(user)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        # The bodies as a tree, indented (a select has no nesting of its own).
        self.fields["body"].choices = [("", "---------")] + [  # type: ignore[attr-defined]
            (body.pk, tree_choice_label(body, depth))
            for body, depth in body_tree(bodies.only("id", "name", "parent_id"))
        ]
        self.fields["meeting"].queryset = visible_meetings(user).select_related("body")  # type: ignore[attr-defined]
        self.fields["issue"].queryset = visible_issues(user).select_related("body")  # type: ignore[attr-defined]

    def filters_used(self) -> bool:
        return any(self.data.get(name) for name in self.FILTERS)


def _day_start(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def search(request: HttpRequest) -> HttpResponse:
    """Statements containing the words (every statement without any), 50 a page by keyset."""
    form = SearchForm(request.GET or None, user=request.user)
    page = count = None
    if form.is_valid():
        data = form.cleaned_data
        scope = SearchScope(
            body=data["body"],
            meeting=data["meeting"],
            organization=data["organization"],
            speaker=data["speaker"],
            issue=data["issue"],
            starts_from=_day_start(data["date_from"]),
            starts_before=_day_start(data["date_to"] and data["date_to"] + timedelta(days=1)),
            user=request.user,
        )
        try:
            # The cursor is the `next` link's, not a form field: Cursor.decode says if it is bad.
            page = search_page(term=data["q"], scope=scope, after=request.GET.get("cursor") or None)
            count = search_count(term=data["q"], scope=scope)
        except ValidationError as error:
            for field, messages_of_field in error.message_dict.items():
                form.add_error("q" if field in ("q", "term") else None, messages_of_field)
            page = None
        else:
            mark_public_statements(request.user, page.statements, meeting_of=_meeting_of)
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "form": form,
        "page": page,
        "count": count,
        "tagging_body_ids": _tagging_body_ids(request),
        "query": query.urlencode(),
    }
    return render(request, "register/search.html", context)


class _AllBodies:
    """Stands for every body id (a superuser tags anywhere)."""

    def __contains__(self, body_id: object) -> bool:
        return True


def _tagging_body_ids(request: HttpRequest):
    """Bodies whose statements the visitor may tag (the secretariat's), for the “課題付け” links."""
    ids = secretariat_body_ids(request.user)
    return _AllBodies() if ids is None else ids


class TaggingForm(forms.Form):
    issues = forms.ModelMultipleChoiceField(
        Issue.objects.none(), label=_("issues"), required=False, widget=forms.CheckboxSelectMultiple
    )


@login_required
def tag_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat tags one statement to the issues it discusses, the suggested ones marked."""
    statement = get_object_or_404(
        Statement.objects.select_related("agenda_item__meeting__body").filter(
            agenda_item__meeting__in=visible_meetings(request.user)
        ),
        pk=pk,
    )
    meeting = statement.agenda_item.meeting
    if not is_secretariat(request.user, meeting.body):
        raise PermissionDenied
    candidates = taggable_issues(body=meeting.body, user=request.user)
    suggestions = tag_suggestions(statement=statement, user=request.user)
    tagged = set(statement.taggings.values_list("issue_id", flat=True))
    form = TaggingForm(request.POST if request.method == "POST" else None, initial={"issues": list(tagged)})
    field = form.fields["issues"]
    field.queryset = candidates  # type: ignore[attr-defined]
    suggested = {s.issue.pk for s in suggestions}
    field.label_from_instance = lambda issue: f"{'★ ' if issue.pk in suggested else ''}{issue}"  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        chosen = {issue.pk: issue for issue in form.cleaned_data["issues"]}
        try:
            for issue in chosen.values():
                if issue.pk not in tagged:
                    services.issue_tag_statement(issue=issue, statement=statement, by=request.user)  # type: ignore[arg-type]
            for issue in candidates.filter(pk__in=tagged - set(chosen)):
                services.issue_untag_statement(issue=issue, statement=statement, by=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Tags saved."))
        return redirect("register:tag_statement", pk=statement.pk)
    context = {"statement": statement, "meeting": meeting, "form": form, "suggestions": suggestions}
    return render(request, "register/tag_statement.html", context)
