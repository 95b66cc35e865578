"""Small helpers shared by the portal views: visibility checks and running a service from a form."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from apps.access import permissions
from apps.meetings.models import Meeting


def visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting if the user may read its record; 404 otherwise, so drafts stay unseen."""
    meeting = get_object_or_404(Meeting.objects.select_related("body", "minutes"), pk=pk)
    if not permissions.can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


def run_service(request: HttpRequest, action: Callable[[], object], *, success: str, then: str) -> HttpResponse:
    """Run a workflow service; its refusal (a ValidationError) becomes a message on the next page.

    PermissionDenied is left to Django, which answers 403.
    """
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(then)
