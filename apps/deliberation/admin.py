"""The secretariat's register in the admin: issues with their assignments, positions and notes,
statement tagging with suggestions, and setting up a working party with its task groups.

Every write goes through apps.deliberation.services, so the admin keeps the same rules
(status moves, closed issues, progress notes) as the portal and the API.
"""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import BodyScopedAdmin
from apps.core.permissions import secretariat_body_ids
from apps.directory.models import Body
from apps.meetings.models import Meeting

from . import services
from .models import (
    Assignment,
    Issue,
    IssueStatement,
    IssueStatus,
    MeetingAgendaOffer,
    Position,
    ProgressNote,
    StatementTagging,
    WorkingPartySetup,
)
from .selectors import carry_over_candidates, notes_of_meeting, tag_suggestions


def _by(request: HttpRequest) -> User:
    """The signed-in user behind an admin request (the admin lets no one else in)."""
    return cast(User, request.user)


def _form_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------------- issues


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    can_delete = False
    fields = ["task_group", "assigned_in", "due_on", "report_back", "status"]
    readonly_fields = ["status"]
    autocomplete_fields = ["task_group", "assigned_in", "report_back"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ["organization", "meeting", "stance", "summary"]
    autocomplete_fields = ["organization", "meeting"]


class IssueStatementInline(admin.TabularInline):
    model = IssueStatement
    extra = 0
    fields = ["statement", "tagged_by"]
    readonly_fields = ["tagged_by"]
    raw_id_fields = ["statement"]
    verbose_name_plural = _("tagged statements (tag more from “statement tagging”, with suggestions)")


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    can_delete = False
    fields = ["created", "meeting", "status_before", "status_after", "text", "author"]
    readonly_fields = ("created", "meeting", "status_before", "status_after", "text", "author")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # notes are written by status changes and the note field above


class IssueForm(forms.ModelForm):
    note = forms.CharField(
        label=_("progress note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("optional")
    )
    note_meeting = forms.ModelChoiceField(Meeting.objects.all(), label=_("note of meeting"), required=False)

    class Meta:
        model = Issue
        fields = ["body", "title", "description", "priority", "raised_in"]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.instance.pk and self.instance.status == IssueStatus.CLOSED:
            raise ValidationError(_("This issue is closed and can no longer be changed."))
        return cleaned


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=IssueStatus.choices)
    meeting = forms.ModelChoiceField(
        Meeting.objects.select_related("body"),
        label=_("meeting"),
        required=False,
        help_text=_("required to resolve: the meeting that resolved the issue"),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Issue)
class IssueAdmin(BodyScopedAdmin, SimpleHistoryAdmin):
    form = IssueForm
    list_display = ["issue_code", "title", "body", "status", "priority", "raised_in", "tagged_statements"]
    list_display_links = ["issue_code", "title"]
    list_filter = ["status", "priority", "body"]
    list_select_related = ["body", "raised_in"]
    search_fields = ["code", "title", "description"]
    autocomplete_fields = ["body", "raised_in"]
    readonly_fields = ["code", "status_and_change_link", "resolved_in"]
    inlines = [AssignmentInline, PositionInline, IssueStatementInline, ProgressNoteInline]

    def get_fieldsets(self, request: HttpRequest, obj: Issue | None = None):
        main: list[Any] = ["body", "title", "description", "priority", "raised_in"]
        if obj is not None:
            main = ["code", "status_and_change_link", "resolved_in", *main, ("note", "note_meeting")]
        return [(None, {"fields": main})]

    def get_readonly_fields(self, request: HttpRequest, obj: Issue | None = None) -> list[str]:
        # Where an issue belongs and where it was raised are fixed once it exists.
        return [*self.readonly_fields, "body", "raised_in"] if obj is not None else list(self.readonly_fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(tagged_count=Count("taggings"))

    @admin.display(description=_("code"), ordering=F("number").asc(nulls_last=True))
    def issue_code(self, issue: Issue) -> str:
        return issue.code  # sorted by number: I-999 before I-1000

    @admin.display(description=_("tagged statements"), ordering="tagged_count")
    def tagged_statements(self, issue: Issue) -> int:
        return issue.tagged_count  # type: ignore[attr-defined]

    @admin.display(description=_("status"))
    def status_and_change_link(self, issue: Issue) -> str:
        if issue.status == IssueStatus.CLOSED:
            return issue.get_status_display()
        url = reverse("admin:deliberation_issue_status", args=[issue.pk])
        return format_html('{} — <a href="{}">{}</a>', issue.get_status_display(), url, _("change status"))

    # Writes go through the services -------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Issue, form: IssueForm, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            created = services.issue_create(
                body=data["body"],
                title=data["title"],
                description=data["description"],
                priority=data["priority"],
                raised_in=data["raised_in"],
                by=_by(request),
            )
            obj.pk, obj.code, obj.status = created.pk, created.code, created.status
            return
        services.issue_update(
            issue=obj, title=data["title"], description=data["description"], priority=data["priority"], by=_by(request)
        )
        if data.get("note"):
            services.issue_add_note(issue=obj, text=data["note"], meeting=data.get("note_meeting"), by=_by(request))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        issue = form.instance
        if formset.model is Assignment:
            for assignment in formset.save(commit=False):
                if assignment.pk is None:
                    services.assignment_create(
                        issue=issue,
                        task_group=assignment.task_group,
                        assigned_in=assignment.assigned_in,
                        due_on=assignment.due_on,
                        report_back=assignment.report_back,
                        by=_by(request),
                    )
                else:
                    assignment.full_clean()
                    assignment.save(update_fields=["task_group", "assigned_in", "due_on", "report_back"])
        elif formset.model is Position:
            for position in formset.save(commit=False):
                services.position_record(
                    issue=issue,
                    meeting=position.meeting,
                    organization=position.organization,
                    stance=position.stance,
                    summary=position.summary,
                    statements=position.statements.all() if position.pk else (),
                    by=_by(request),
                )
            for position in formset.deleted_objects:
                position.delete()
        elif formset.model is IssueStatement:
            for tag in formset.save(commit=False):
                services.issue_tag_statement(issue=issue, statement=tag.statement, by=_by(request))
            for tag in formset.deleted_objects:
                services.issue_untag_statement(issue=issue, statement=tag.statement, by=_by(request))
        else:
            formset.save()

    def _changeform_view(self, request, object_id, form_url, extra_context):
        # A service refusing a change (closed issue, wrong meeting) is shown as a message, not a 500.
        try:
            with transaction.atomic():
                return super()._changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # Status change page ---------------------------------------------------------------------

    def get_urls(self):
        custom = [
            path(
                "<int:issue_id>/status/",
                self.admin_site.admin_view(self.status_view),
                name="deliberation_issue_status",
            )
        ]
        return custom + super().get_urls()

    def status_view(self, request: HttpRequest, issue_id: int) -> HttpResponse:
        issue = get_object_or_404(self.get_queryset(request), pk=issue_id)
        if not self.has_change_permission(request, issue):
            raise PermissionDenied
        form = StatusChangeForm(request.POST or None)
        meetings = cast(forms.ModelChoiceField, form.fields["meeting"])
        meetings.queryset = Meeting.objects.filter(body_id__in=issue.body.descendant_ids())
        if request.method == "POST" and form.is_valid():
            try:
                services.issue_change_status(
                    issue=issue,
                    status=form.cleaned_data["status"],
                    meeting=form.cleaned_data["meeting"],
                    reason=form.cleaned_data["reason"],
                    by=_by(request),
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                self.message_user(request, _("Status changed."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:deliberation_issue_change", args=[issue.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of %(issue)s") % {"issue": issue},
            "issue": issue,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/deliberation/issue_status.html", context)


# ---------------------------------------------------------------------------- tagging


class TaggingForm(forms.ModelForm):
    issues = forms.ModelMultipleChoiceField(
        Issue.objects.none(), label=_("issues"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = StatementTagging
        fields: list[str] = []


@admin.register(StatementTagging)
class StatementTaggingAdmin(BodyScopedAdmin):
    """One statement at a time: its text, the suggested issues, and checkboxes to tag it."""

    body_path = "agenda_item__meeting__body"
    form = TaggingForm
    list_display = ["speaker_label", "excerpt", "meeting", "tags"]
    list_select_related = ["agenda_item__meeting"]
    list_filter = ["agenda_item__meeting__body", "agenda_item__meeting"]
    search_fields = ["text_normalized", "speaker_label"]
    readonly_fields = ["meeting", "speaker_label", "text", "suggestions"]
    fields = ["meeting", "speaker_label", "text", "suggestions", "issues"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("taggings__issue")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # statements are entered with their meeting

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("meeting"))
    def meeting(self, statement: StatementTagging) -> Meeting:
        return statement.agenda_item.meeting

    @admin.display(description=_("text"))
    def excerpt(self, statement: StatementTagging) -> str:
        return statement.text[:60]

    @admin.display(description=_("issues"))
    def tags(self, statement: StatementTagging) -> str:
        return ", ".join(tag.issue.code for tag in statement.taggings.all())

    @admin.display(description=_("suggested issues"))
    def suggestions(self, statement: StatementTagging) -> str:
        found = tag_suggestions(statement=statement)
        if not found:
            return "—"
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} {} <small>({}: {})</small></li>",
                ((s.issue.code, s.issue.title, _("shared terms"), "、".join(s.shared_words[:6])) for s in found),
            ),
        )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form_class
        root = obj.agenda_item.meeting.body
        while root.parent is not None:
            root = root.parent
        candidates = Issue.objects.filter(body_id__in=root.descendant_ids()).exclude(status=IssueStatus.CLOSED)
        suggested = {s.issue.pk for s in tag_suggestions(statement=obj)}
        tagged = [tag.issue_id for tag in obj.taggings.all()]

        class Form(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, **inner)
                field = self.fields["issues"]
                field.queryset = candidates.order_by(*Issue.code_order())
                field.initial = tagged
                field.label_from_instance = lambda issue: f"{'★ ' if issue.pk in suggested else ''}{issue}"

        return Form

    def save_model(self, request: HttpRequest, obj: StatementTagging, form: Any, change: bool) -> None:
        chosen = set(form.cleaned_data["issues"])
        current = {tag.issue for tag in obj.taggings.select_related("issue")}
        for issue in chosen - current:
            services.issue_tag_statement(issue=issue, statement=obj, by=_by(request))
        for issue in current - chosen:
            services.issue_untag_statement(issue=issue, statement=obj, by=_by(request))

    def _changeform_view(self, request, object_id, form_url, extra_context):
        try:
            with transaction.atomic():
                return super()._changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


# ---------------------------------------------------------------------------- working parties


PARENT_KINDS = [Body.Kind.STUDY_GROUP, Body.Kind.COUNCIL, Body.Kind.COMMITTEE]
SUB_GROUP_KINDS = {"TG": Body.Kind.TASK_GROUP, "WG": Body.Kind.WORKING_GROUP}


class WorkingPartyForm(forms.Form):
    parent = forms.ModelChoiceField(
        Body.objects.filter(kind__in=PARENT_KINDS),
        label=_("study group"),
    )
    name = forms.CharField(label=_("name of the working party"), max_length=200, initial="作業班")
    short_name = forms.CharField(label=_("short name"), max_length=100, required=False)
    established_on = forms.DateField(label=_("established on"), required=False)
    mandate = forms.CharField(label=_("mandate"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    sub_groups = forms.CharField(
        label=_("task groups and working groups"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One per line: “TG: MVNOタスクグループ” or “WG: 緊急通報ワーキンググループ”."),
    )

    def clean_sub_groups(self) -> list[services.SubGroupSpec]:
        specs = []
        for number, line in enumerate(self.cleaned_data["sub_groups"].splitlines(), start=1):
            if not line.strip():
                continue
            kind, _sep, name = line.partition(":")
            if not name.strip() or kind.strip().upper() not in SUB_GROUP_KINDS:
                raise ValidationError(
                    _("Line %(line)d: write “TG: name” or “WG: name”, not “%(text)s”."),
                    params={"line": number, "text": line.strip()},
                )
            specs.append(services.SubGroupSpec(name=name.strip(), kind=SUB_GROUP_KINDS[kind.strip().upper()]))
        return specs


@admin.register(WorkingPartySetup)
class WorkingPartySetupAdmin(BodyScopedAdmin):
    """Working parties and their groups; “add” sets one up in a single form."""

    body_path = "pk"
    list_display = ["name", "parent", "established_on", "groups"]
    list_select_related = ["parent"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(kind=Body.Kind.WORKING_PARTY).prefetch_related("children")

    @admin.display(description=_("task groups and working groups"))
    def groups(self, party: Body) -> str:
        return "、".join(child.name for child in party.children.all())

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        return HttpResponseRedirect(reverse("admin:directory_body_change", args=[object_id]))

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = WorkingPartyForm(request.POST or None)
        body_ids = secretariat_body_ids(request.user)
        if body_ids is not None:
            parents = cast(forms.ModelChoiceField, form.fields["parent"])
            parents.queryset = Body.objects.filter(kind__in=PARENT_KINDS, pk__in=body_ids)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                party = services.working_party_create(
                    parent=data["parent"],
                    name=data["name"],
                    short_name=data["short_name"],
                    established_on=data["established_on"],
                    mandate=data["mandate"],
                    sub_groups=data["sub_groups"],
                    by=_by(request),
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                count = party.children.count()
                self.message_user(
                    request,
                    _("%(party)s set up with %(count)d groups.") % {"party": party, "count": count},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:deliberation_workingpartysetup_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Set up a working party (作業班の設置)"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/deliberation/working_party_form.html", context)


# ---------------------------------------------------------------------------- carry-over


class CarryOverForm(forms.Form):
    issues = forms.ModelMultipleChoiceField(
        Issue.objects.none(), label=_("issues to put on the agenda"), widget=forms.CheckboxSelectMultiple
    )


@admin.register(MeetingAgendaOffer)
class MeetingAgendaOfferAdmin(BodyScopedAdmin):
    """For each meeting, the body's open, assigned and in-progress issues not yet on its agenda."""

    list_display = ["__str__", "body", "starts_at", "status"]
    list_filter = ["status", "body"]
    list_select_related = ["body"]
    ordering = ["-starts_at", "-id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # meetings are created in the meetings admin

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        meeting = get_object_or_404(self.get_queryset(request).select_related("body"), pk=object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        offered = carry_over_candidates(meeting=meeting)
        form = CarryOverForm(request.POST or None, initial={"issues": list(offered)})
        cast(forms.ModelMultipleChoiceField, form.fields["issues"]).queryset = offered
        if request.method == "POST" and form.is_valid():
            try:
                notes = services.meeting_carry_over_issues(
                    meeting=meeting, issues=form.cleaned_data["issues"], by=_by(request)
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                self.message_user(
                    request, _("%(count)d issues carried over.") % {"count": len(notes)}, messages.SUCCESS
                )
                return HttpResponseRedirect(reverse("admin:deliberation_meetingagendaoffer_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Open issues for the agenda of %(meeting)s") % {"meeting": meeting},
            "form": form,
            "opts": self.model._meta,
            "meeting": meeting,
            "on_agenda": notes_of_meeting(meeting=meeting),
        }
        return TemplateResponse(request, "admin/deliberation/carry_over.html", context)
