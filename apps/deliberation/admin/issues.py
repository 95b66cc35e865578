"""Issues in the admin: with their assignments, positions, tags and notes, and a status-change page."""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.access.admin import BodyScopedAdmin
from apps.meetings.models import Meeting

from .. import services
from ..models import Assignment, Issue, IssueStatement, IssueStatus, Position, ProgressNote
from .common import ServiceRefusalsAsMessages, acting_user, add_service_error


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
class IssueAdmin(ServiceRefusalsAsMessages, BodyScopedAdmin, SimpleHistoryAdmin):
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
                by=acting_user(request),
            )
            obj.pk, obj.code, obj.status = created.pk, created.code, created.status
            return
        services.issue_update(
            issue=obj,
            title=data["title"],
            description=data["description"],
            priority=data["priority"],
            by=acting_user(request),
        )
        if data.get("note"):
            services.issue_add_note(
                issue=obj, text=data["note"], meeting=data.get("note_meeting"), by=acting_user(request)
            )

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
                        by=acting_user(request),
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
                    by=acting_user(request),
                )
            for position in formset.deleted_objects:
                position.delete()
        elif formset.model is IssueStatement:
            for tag in formset.save(commit=False):
                services.issue_tag_statement(issue=issue, statement=tag.statement, by=acting_user(request))
            for tag in formset.deleted_objects:
                services.issue_untag_statement(issue=issue, statement=tag.statement, by=acting_user(request))
        else:
            formset.save()

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
                    by=acting_user(request),
                )
            except ValidationError as error:
                add_service_error(form, error)
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
