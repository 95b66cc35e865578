"""Assigning issues to task groups, their reports back, and carrying open issues to the next meeting."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.history import save_checked
from apps.directory.models import Body
from apps.meetings.models import Meeting

from ..models import Assignment, Issue, ProgressNote
from ..selectors import carry_over_candidates
from .common import S, check_meeting_of_tree, locked, refuse_if_closed
from .issues import issue_add_note, issue_change_status

TASK_GROUP_KINDS = frozenset({Body.Kind.WORKING_PARTY, Body.Kind.WORKING_GROUP, Body.Kind.TASK_GROUP})


@transaction.atomic
def assignment_create(
    *,
    issue: Issue,
    task_group: Body,
    by: User | None,
    assigned_in: Meeting | None = None,
    due_on: date | None = None,
    report_back: Meeting | None = None,
    reason: str = "",
) -> Assignment:
    """Hand an issue to a task group below the issue's body; the issue becomes assigned."""
    issue = locked(issue)
    refuse_if_closed(issue)
    if issue.status == S.RESOLVED:
        raise ValidationError(_("Issue %(code)s is resolved; reopen it before assigning it.") % {"code": issue.code})
    if task_group.pk == issue.body_id or task_group.pk not in issue.body.descendant_ids():
        message = _("The task group must be a sub-group of %(body)s.") % {"body": issue.body}
        raise ValidationError({"task_group": message})
    if task_group.kind not in TASK_GROUP_KINDS:
        message = _("Issues are assigned to working parties, working groups or task groups.")
        raise ValidationError({"task_group": message})
    if assigned_in is not None:
        check_meeting_of_tree(issue, assigned_in, "assigned_in")
    if report_back is not None:
        check_meeting_of_tree(issue, report_back, "report_back")
        if assigned_in is not None and report_back.starts_at <= assigned_in.starts_at:
            raise ValidationError({"report_back": _("The report-back meeting must come after the assigning meeting.")})
    assignment = Assignment(
        issue=issue, task_group=task_group, assigned_in=assigned_in, due_on=due_on, report_back=report_back
    )
    save_checked(assignment, by)
    text = reason.strip() or _("Assigned to %(group)s.") % {"group": task_group}
    if issue.status != S.ASSIGNED:
        issue_change_status(issue=issue, status=S.ASSIGNED, reason=text, meeting=assigned_in, by=by)
    else:
        issue_add_note(issue=issue, text=text, meeting=assigned_in, by=by)
    return assignment


def _finish_assignment(
    *, assignment: Assignment, status: str, text: str, meeting: Meeting | None, by: User | None
) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    issue = locked(assignment.issue)
    refuse_if_closed(issue)
    if assignment.status != Assignment.Status.ACTIVE:
        raise ValidationError(_("The assignment is no longer active."))
    assignment.status = status
    if status == Assignment.Status.REPORTED and meeting is not None:
        assignment.report_back = meeting
    save_checked(assignment, by)
    still_assigned = issue.assignments.filter(status=Assignment.Status.ACTIVE).exists()
    if issue.status == S.ASSIGNED and not still_assigned:
        after = S.IN_PROGRESS if status == Assignment.Status.REPORTED else S.OPEN
        issue_change_status(issue=issue, status=after, reason=text, meeting=meeting, by=by)
    else:
        issue_add_note(issue=issue, text=text, meeting=meeting, by=by)
    return assignment


@transaction.atomic
def assignment_report_back(
    *, assignment: Assignment, by: User | None, meeting: Meeting | None = None, text: str = ""
) -> Assignment:
    """The task group reported (in `meeting`, if named); the issue goes back to the body (in progress)."""
    if meeting is not None:
        check_meeting_of_tree(assignment.issue, meeting, "meeting")
    text = text.strip() or _("%(group)s reported back.") % {"group": assignment.task_group}
    return _finish_assignment(
        assignment=assignment, status=Assignment.Status.REPORTED, text=text, meeting=meeting, by=by
    )


@transaction.atomic
def assignment_withdraw(
    *, assignment: Assignment, reason: str, by: User | None, meeting: Meeting | None = None
) -> Assignment:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the assignment is withdrawn.")})
    return _finish_assignment(
        assignment=assignment, status=Assignment.Status.WITHDRAWN, text=reason.strip(), meeting=meeting, by=by
    )


# ---------------------------------------------------------------------------- carry-over


@transaction.atomic
def meeting_carry_over_issues(*, meeting: Meeting, issues: Iterable[Issue], by: User | None) -> list[ProgressNote]:
    """Put still-open issues on a new meeting's agenda: a note per issue, dated to that meeting."""
    offered = {issue.pk: issue for issue in carry_over_candidates(meeting=meeting)}
    notes = []
    for issue in issues:
        if issue.pk not in offered:
            raise ValidationError(
                _("Issue %(code)s is not open for the agenda of this meeting.") % {"code": issue.code}
            )
        notes.append(
            issue_add_note(
                issue=offered[issue.pk],
                text=_("Carried over to the agenda of %(meeting)s.") % {"meeting": meeting},
                meeting=meeting,
                by=by,
            )
        )
    return notes
