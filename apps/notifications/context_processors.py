"""The unread count of the header's badge: one query a page, for logged-in users only."""

from django.http import HttpRequest

from .models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.pk is None:
        return {}
    # Lazy: pages that never show the header (JSON, the admin) do not pay for it.
    return {"unread_notifications": lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
