"""Statement tagging in the admin: tag a statement to issues, with suggested issues starred."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from apps.access.admin import BodyScopedAdmin
from apps.meetings.models import Meeting

from .. import services
from ..models import Issue, StatementTagging
from ..selectors import tag_suggestions, taggable_issues
from .common import ServiceRefusalsAsMessages, acting_user


class TaggingForm(forms.ModelForm):
    issues = forms.ModelMultipleChoiceField(
        Issue.objects.none(), label=_("issues"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = StatementTagging
        fields: list[str] = []


@admin.register(StatementTagging)
class StatementTaggingAdmin(ServiceRefusalsAsMessages, BodyScopedAdmin):
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
                ((s.issue.code, s.issue.title, _("shared terms"), "・".join(s.shared_terms[:8])) for s in found),
            ),
        )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form_class
        candidates = taggable_issues(body=obj.agenda_item.meeting.body)
        suggested = {s.issue.pk for s in tag_suggestions(statement=obj)}
        tagged = [tag.issue_id for tag in obj.taggings.all()]

        class Form(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, **inner)
                field = self.fields["issues"]
                field.queryset = candidates
                field.initial = tagged
                field.label_from_instance = lambda issue: f"{'★ ' if issue.pk in suggested else ''}{issue}"

        return Form

    def save_model(self, request: HttpRequest, obj: StatementTagging, form: Any, change: bool) -> None:
        chosen = set(form.cleaned_data["issues"])
        current = {tag.issue for tag in obj.taggings.select_related("issue")}
        for issue in chosen - current:
            services.issue_tag_statement(issue=issue, statement=obj, by=acting_user(request))
        for issue in current - chosen:
            services.issue_untag_statement(issue=issue, statement=obj, by=acting_user(request))
