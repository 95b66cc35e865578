"""What every step of the minutes workflow does first: lock the minutes, check who acts and the state."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.core.history import save_checked
from apps.meetings.models import Meeting

from ..errors import WorkflowError
from ..models import Minutes

Status = Minutes.Status

__all__ = ["Status", "locked", "minutes_for_meeting", "require", "require_status", "save_checked"]


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_status(minutes: Minutes, *allowed: str, doing: str) -> None:
    if minutes.status not in allowed:
        raise WorkflowError(
            _("Cannot %(doing)s: the minutes are %(status)s (expected %(allowed)s).")
            % {
                "doing": doing,
                "status": minutes.get_status_display(),
                "allowed": " / ".join(str(Status(s).label) for s in allowed),
            },
            code="state",
        )


def locked(minutes: Minutes) -> Minutes:
    """The minutes row, locked for this transaction, so two steps cannot interleave."""
    return Minutes.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=minutes.pk)


def minutes_for_meeting(*, meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes
