"""Carrying a body's still-open issues over onto the agenda of its next meeting."""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.access.admin import BodyScopedAdmin

from .. import services
from ..models import Issue, MeetingAgendaOffer
from ..selectors import carry_over_candidates, notes_of_meeting
from .common import acting_user, add_service_error


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
                    meeting=meeting, issues=form.cleaned_data["issues"], by=acting_user(request)
                )
            except ValidationError as error:
                add_service_error(form, error)
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
