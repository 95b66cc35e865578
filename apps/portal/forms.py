from django import forms
from django.utils.translation import gettext_lazy as _

from apps.meetings.models import Meeting


class SuggestionForm(forms.Form):
    proposed_text = forms.CharField(label=_("Proposed text"), widget=forms.Textarea(attrs={"rows": 5}))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    base_version = forms.IntegerField(widget=forms.HiddenInput)


class SendForReviewForm(forms.Form):
    due_on = forms.DateField(label=_("Review due on"), widget=forms.DateInput(attrs={"type": "date"}))


class ApproveForm(forms.Form):
    approved_in = forms.ModelChoiceField(
        label=_("Confirmed in meeting"), queryset=Meeting.objects.none(), required=False
    )
    despite_pending = forms.BooleanField(
        label=_("Approve although some reviews are outstanding (the due date has passed)"), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        approved_in = self.fields["approved_in"]
        assert isinstance(approved_in, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        approved_in.queryset = Meeting.objects.filter(
            body_id=meeting.body_id, starts_at__gt=meeting.starts_at
        ).order_by("starts_at")


class ErratumForm(forms.Form):
    location = forms.CharField(label=_("Location"), required=False, max_length=200)
    wrong_text = forms.CharField(label=_("Wrong text"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    correct_text = forms.CharField(label=_("Correct text"), widget=forms.Textarea(attrs={"rows": 2}))


class StatementEditForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    base_version = forms.IntegerField(widget=forms.HiddenInput)
