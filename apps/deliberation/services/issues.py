"""Issues: creating, editing, moving between statuses (each move leaves a progress note), notes."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.core.history import save_checked
from apps.directory.models import Body
from apps.meetings.models import Meeting

from ..models import Assignment, Issue, ProgressNote
from .common import S, add_note, check_meeting_of_tree, locked, refuse_if_closed

# Moves between statuses that make sense; anything else is refused. A resolved issue is
# reopened before it is worked on again; a closed issue is final.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.DEFERRED, S.CLOSED}),
    S.ASSIGNED: frozenset({S.OPEN, S.IN_PROGRESS, S.RESOLVED, S.DEFERRED, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.OPEN, S.ASSIGNED, S.RESOLVED, S.DEFERRED, S.CLOSED}),
    S.DEFERRED: frozenset({S.OPEN, S.ASSIGNED, S.IN_PROGRESS, S.CLOSED}),
    S.RESOLVED: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset(),
}


@transaction.atomic
def issue_create(
    *,
    body: Body,
    title: str,
    description: str = "",
    priority: int = Issue.Priority.NORMAL,
    raised_in: Meeting | None = None,
    by: User | None,
) -> Issue:
    """A new open issue with the body's next code (I-001, I-002, …)."""
    Body.objects.select_for_update().get(pk=body.pk)  # serialises code allocation per body
    last = Issue.objects.filter(body=body).aggregate(last=Max("number"))["last"]
    number = (last or 0) + 1
    issue = Issue(
        body=body,
        code=f"I-{number:03d}",
        number=number,
        title=title.strip(),
        description=description.strip(),
        priority=priority,
        raised_in=raised_in,
    )
    if raised_in is not None:
        check_meeting_of_tree(issue, raised_in, "raised_in")
    save_checked(issue, by)
    add_note(
        issue=issue,
        text=_("Issue raised."),
        status_before="",
        status_after=issue.status,
        meeting=raised_in,
        by=by,
    )
    return issue


@transaction.atomic
def issue_update(
    *,
    issue: Issue,
    by: User | None,
    title: str | None = None,
    description: str | None = None,
    priority: int | None = None,
) -> Issue:
    """Edit an issue's wording or priority; its status changes only through issue_change_status."""
    issue = locked(issue)
    refuse_if_closed(issue)
    if title is not None:
        issue.title = title.strip()
    if description is not None:
        issue.description = description.strip()
    if priority is not None:
        issue.priority = priority
    save_checked(issue, by)
    return issue


def _check_move(issue: Issue, status: str, reason: str) -> None:
    """A known status, a reason, and a move ALLOWED_MOVES allows."""
    if status not in S.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": status}})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the status changes.")})
    if status == issue.status:
        raise ValidationError({"status": _("The issue is already %(status)s.") % {"status": S(status).label}})
    if status not in ALLOWED_MOVES[issue.status]:
        raise ValidationError(
            {
                "status": _("An issue that is %(before)s cannot become %(after)s.")
                % {"before": S(issue.status).label, "after": S(status).label}
            }
        )


def _check_what_the_status_needs(issue: Issue, status: str, meeting: Meeting | None) -> None:
    """Resolved needs the resolving meeting (not before the raising one); assigned needs an
    active assignment; open needs none."""
    has_active_assignment = issue.assignments.filter(status=Assignment.Status.ACTIVE).exists()
    if status == S.RESOLVED:
        if meeting is None:
            raise ValidationError({"meeting": _("Name the meeting that resolved the issue.")})
        if issue.raised_in is not None and meeting.starts_at < issue.raised_in.starts_at:
            raise ValidationError({"meeting": _("The issue cannot be resolved before the meeting that raised it.")})
    elif status == S.ASSIGNED and not has_active_assignment:
        raise ValidationError({"status": _("Assign the issue to a task group first.")})
    elif status == S.OPEN and has_active_assignment:
        raise ValidationError({"status": _("Withdraw the active assignment before reopening the issue.")})


@transaction.atomic
def issue_change_status(
    *,
    issue: Issue,
    status: str,
    reason: str,
    by: User | None,
    meeting: Meeting | None = None,
) -> ProgressNote:
    """Move an issue to `status`, recording who, when, in which meeting and why.

    Refused: any move from a closed issue, a move to the same status, moves not in
    ALLOWED_MOVES, resolving without the resolving meeting (or with one of another body
    or before the issue was raised), "assigned" without an active assignment, and "open"
    while an assignment is still active.
    """
    issue = locked(issue)
    refuse_if_closed(issue)
    _check_move(issue, status, reason)
    if meeting is not None:
        check_meeting_of_tree(issue, meeting, "meeting")
    _check_what_the_status_needs(issue, status, meeting)
    if status == S.RESOLVED:
        issue.resolved_in = meeting
    elif status == S.OPEN:
        issue.resolved_in = None  # reopened
    before = issue.status
    issue.status = status
    save_checked(issue, by)
    return add_note(issue=issue, text=reason.strip(), status_before=before, status_after=status, meeting=meeting, by=by)


@transaction.atomic
def issue_add_note(*, issue: Issue, text: str, by: User | None, meeting: Meeting | None = None) -> ProgressNote:
    """A progress note without a status change (what a meeting said about the issue)."""
    issue = locked(issue)
    refuse_if_closed(issue)
    if not text.strip():
        raise ValidationError({"text": _("The note is empty.")})
    if meeting is not None:
        check_meeting_of_tree(issue, meeting, "meeting")
    return add_note(
        issue=issue, text=text.strip(), status_before=issue.status, status_after=issue.status, meeting=meeting, by=by
    )
