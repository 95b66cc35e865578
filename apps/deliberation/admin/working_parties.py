"""Setting up a working party (作業班) with its task groups in one admin form."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.access.admin import BodyScopedAdmin
from apps.access.permissions import secretariat_body_ids
from apps.directory.models import Body

from .. import services
from ..models import WorkingPartySetup
from .common import acting_user, add_service_error

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
                    by=acting_user(request),
                )
            except ValidationError as error:
                add_service_error(form, error)
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
