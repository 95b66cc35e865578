"""Forms of the desk: each one small, for one save. The rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.directory.models import Body
from apps.meetings.models import Attendance, Decision, Meeting, Statement

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    """The header: start and end are read in the site's time zone (Asia/Tokyo)."""

    number = forms.IntegerField(label=_("Number (第N回)"), min_value=1)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Meeting.Mode.choices)

    def clean(self):
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A meeting must end after it starts."))
        return data


class NewMeetingForm(MeetingForm):
    add_members = forms.BooleanField(label=_("Add the body's current members to the attendance"), required=False)


class AttendeeForm(forms.Form):
    """Who the type-ahead found (a person or an organization), and under which heading."""

    person = forms.IntegerField(required=False)
    organization = forms.IntegerField(required=False)
    category = forms.ChoiceField(label=_("Heading"), choices=Attendance.Category.choices)
    role_label = forms.CharField(label=_("Role as printed"), max_length=200, required=False)


class NewPersonForm(forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=50)
    given_name = forms.CharField(label=_("Given name"), max_length=50, required=False)
    name_kana = forms.CharField(label=_("Name in kana"), max_length=100, required=False)
    organization_name = forms.CharField(label=_("Organization"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Heading"), choices=Attendance.Category.choices)
    role_label = forms.CharField(label=_("Role as printed"), max_length=200, required=False)


class AttendanceForm(forms.Form):
    presence = forms.ChoiceField(label=_("Presence"), choices=Attendance.Presence.choices)
    role_label = forms.CharField(label=_("Role as printed"), max_length=200, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    number_label = forms.CharField(label=_("Number as printed"), max_length=20, required=False)
    proceedings = forms.CharField(label=_("Proceedings"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MaterialForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=50, required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class StatementForm(forms.Form):
    speaker_label = forms.CharField(label=_("Speaker"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Statement.Kind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=100_000)
    base_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MoveForm(forms.Form):
    position = forms.IntegerField(min_value=1)
    base_version = forms.IntegerField()


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=10_000)
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices, initial=Decision.Kind.AGREED)


class ImportForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    number = forms.IntegerField(label=_("Number (第N回)"), min_value=1, required=False)
    commit_if_clean = forms.BooleanField(label=_("Import those without warnings"), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ModelChoiceField)  # noqa: S101 - declared just above
        body.queryset = bodies
