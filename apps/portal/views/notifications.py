"""The user's notifications: the list, marking read, and the email choices per kind."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.notifications.models import EmailPreference, Kind, Notification
from apps.notifications.services import email_preferences_set, notifications_mark_read

PAGE_SIZE = 30


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required let only users in
    return request.user


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=_me(request)).order_by("-created", "-id")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go where it points."""
    notification = get_object_or_404(Notification, pk=pk, recipient=_me(request))
    notifications_mark_read(user=_me(request), ids=[notification.pk])
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("portal:notifications")
    return redirect(notification.url)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(user=_me(request))
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("portal:notifications")


class EmailPreferencesForm(forms.Form):
    emailed = forms.MultipleChoiceField(
        choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple, label=""
    )


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    off = set(EmailPreference.objects.filter(user=_me(request), email=False).values_list("kind", flat=True))
    form = EmailPreferencesForm(request.POST or None, initial={"emailed": [k for k in Kind.values if k not in off]})
    if request.method == "POST" and form.is_valid():
        email_preferences_set(user=_me(request), emailed_kinds=form.cleaned_data["emailed"])
        messages.success(request, _("Your email choices were saved."))
        return redirect("portal:notification_settings")
    return render(request, "portal/notification_settings.html", {"form": form})
