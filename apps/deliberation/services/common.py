"""Checks every write of the register makes: a closed issue is final, meetings belong to the tree."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.meetings.models import Meeting

from ..models import Issue, IssueStatus, ProgressNote

S = IssueStatus


def refuse_if_closed(issue: Issue) -> None:
    if issue.status == S.CLOSED:
        raise ValidationError(_("Issue %(code)s is closed and can no longer be changed.") % {"code": issue.code})


def check_meeting_of_tree(issue: Issue, meeting: Meeting, field: str) -> None:
    if meeting.body_id not in issue.body.descendant_ids():
        message = _("The meeting must be one of %(body)s or of its sub-groups.") % {"body": issue.body}
        raise ValidationError({field: message})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({field: _("The meeting was cancelled.")})


def locked(issue: Issue) -> Issue:
    """The issue re-read under a row lock, so concurrent changes queue up instead of overwriting."""
    return Issue.objects.select_for_update().select_related("body").get(pk=issue.pk)


def add_note(
    *, issue: Issue, text: str, status_before: str, status_after: str, meeting: Meeting | None, by: User | None
) -> ProgressNote:
    note = ProgressNote(
        issue=issue, meeting=meeting, text=text, status_before=status_before, status_after=status_after, author=by
    )
    note.full_clean()
    note.save()
    return note
