"""What the register's admin pages share: who acts, and how a service's refusal is shown."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


def acting_user(request: HttpRequest) -> User:
    """The signed-in user behind an admin request (the admin lets no one else in)."""
    return cast(User, request.user)


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceRefusalsAsMessages:
    """On the add and change pages, a service refusing a write (closed issue, wrong meeting) is a
    message on the page, not a 500. Django's changeform_view runs in one transaction, so
    everything the form saved before the refusal is rolled back."""

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)  # type: ignore[attr-defined]
            return HttpResponseRedirect(request.get_full_path())
