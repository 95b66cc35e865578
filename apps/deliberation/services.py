"""Writes with rules for the issue register: issues, status changes, tags, positions, assignments.

Every status change leaves a ProgressNote saying who, when, in which meeting and why.
A closed issue is final: nothing about it changes any more.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.core.history import save_checked
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting, Statement

from .models import Assignment, Issue, IssueStatement, IssueStatus, Position, ProgressNote
from .selectors import carry_over_candidates

S = IssueStatus

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

TASK_GROUP_KINDS = frozenset({Body.Kind.WORKING_PARTY, Body.Kind.WORKING_GROUP, Body.Kind.TASK_GROUP})


def _refuse_if_closed(issue: Issue) -> None:
    if issue.status == S.CLOSED:
        raise ValidationError(_("Issue %(code)s is closed and can no longer be changed.") % {"code": issue.code})


def _check_meeting_of_tree(issue: Issue, meeting: Meeting, field: str) -> None:
    if meeting.body_id not in issue.body.descendant_ids():
        message = _("The meeting must be one of %(body)s or of its sub-groups.") % {"body": issue.body}
        raise ValidationError({field: message})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({field: _("The meeting was cancelled.")})


def _locked(issue: Issue) -> Issue:
    """The issue re-read under a row lock, so concurrent changes queue up instead of overwriting."""
    return Issue.objects.select_for_update().select_related("body").get(pk=issue.pk)


def _note(
    *, issue: Issue, text: str, status_before: str, status_after: str, meeting: Meeting | None, by: User | None
) -> ProgressNote:
    note = ProgressNote(
        issue=issue, meeting=meeting, text=text, status_before=status_before, status_after=status_after, author=by
    )
    note.full_clean()
    note.save()
    return note


# ---------------------------------------------------------------------------- issues


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
        _check_meeting_of_tree(issue, raised_in, "raised_in")
    save_checked(issue, by)
    _note(
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
    issue = _locked(issue)
    _refuse_if_closed(issue)
    if title is not None:
        issue.title = title.strip()
    if description is not None:
        issue.description = description.strip()
    if priority is not None:
        issue.priority = priority
    save_checked(issue, by)
    return issue


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
    issue = _locked(issue)
    _refuse_if_closed(issue)
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
    if meeting is not None:
        _check_meeting_of_tree(issue, meeting, "meeting")
    has_active_assignment = issue.assignments.filter(status=Assignment.Status.ACTIVE).exists()
    if status == S.RESOLVED:
        if meeting is None:
            raise ValidationError({"meeting": _("Name the meeting that resolved the issue.")})
        if issue.raised_in is not None and meeting.starts_at < issue.raised_in.starts_at:
            raise ValidationError({"meeting": _("The issue cannot be resolved before the meeting that raised it.")})
        issue.resolved_in = meeting
    elif status == S.ASSIGNED and not has_active_assignment:
        raise ValidationError({"status": _("Assign the issue to a task group first.")})
    elif status == S.OPEN and has_active_assignment:
        raise ValidationError({"status": _("Withdraw the active assignment before reopening the issue.")})
    if status == S.OPEN:
        issue.resolved_in = None  # reopened
    before = issue.status
    issue.status = status
    save_checked(issue, by)
    return _note(issue=issue, text=reason.strip(), status_before=before, status_after=status, meeting=meeting, by=by)


@transaction.atomic
def issue_add_note(*, issue: Issue, text: str, by: User | None, meeting: Meeting | None = None) -> ProgressNote:
    """A progress note without a status change (what a meeting said about the issue)."""
    issue = _locked(issue)
    _refuse_if_closed(issue)
    if not text.strip():
        raise ValidationError({"text": _("The note is empty.")})
    if meeting is not None:
        _check_meeting_of_tree(issue, meeting, "meeting")
    return _note(
        issue=issue, text=text.strip(), status_before=issue.status, status_after=issue.status, meeting=meeting, by=by
    )


# ---------------------------------------------------------------------------- tagging


def _check_statement_of_tree(issue: Issue, statement: Statement) -> Meeting:
    meeting = statement.agenda_item.meeting
    if meeting.body_id not in issue.body.descendant_ids():
        raise ValidationError(
            {"statement": _("The statement was made in a meeting outside %(body)s.") % {"body": issue.body}}
        )
    return meeting


@transaction.atomic
def issue_tag_statement(*, issue: Issue, statement: Statement, by: User | None) -> IssueStatement:
    """Record that a statement discusses an issue; tagging twice returns the existing tag."""
    issue = _locked(issue)
    _refuse_if_closed(issue)
    _check_statement_of_tree(issue, statement)
    existing = IssueStatement.objects.filter(issue=issue, statement=statement).first()
    if existing is not None:
        return existing
    tag = IssueStatement(issue=issue, statement=statement, tagged_by=by)
    save_checked(tag, by)
    return tag


@transaction.atomic
def issue_untag_statement(*, issue: Issue, statement: Statement, by: User | None) -> None:
    issue = _locked(issue)
    _refuse_if_closed(issue)
    for tag in IssueStatement.objects.filter(issue=issue, statement=statement):
        tag._history_user = by  # type: ignore[attr-defined]
        tag.delete()


# ---------------------------------------------------------------------------- positions


@transaction.atomic
def position_record(
    *,
    issue: Issue,
    meeting: Meeting,
    stance: str,
    by: User | None,
    organization: Organization | None = None,
    person: Person | None = None,
    summary: str = "",
    statements: Iterable[Statement] = (),
) -> Position:
    """Where a stakeholder stood on an issue in a meeting; recording it again replaces it."""
    issue = _locked(issue)
    _refuse_if_closed(issue)
    _check_meeting_of_tree(issue, meeting, "meeting")
    statements = list(statements)
    for statement in statements:
        if statement.agenda_item.meeting_id != meeting.pk:
            raise ValidationError({"statements": _("A supporting statement was made in another meeting.")})
    position = None
    if organization is not None:
        position = Position.objects.filter(issue=issue, organization=organization, meeting=meeting).first()
    if position is None:
        position = Position(issue=issue, organization=organization, meeting=meeting)
    position.person = person
    position.stance = stance
    position.summary = summary.strip()
    save_checked(position, by)
    position.statements.set(statements)
    return position


# ---------------------------------------------------------------------------- assignments


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
    issue = _locked(issue)
    _refuse_if_closed(issue)
    if issue.status == S.RESOLVED:
        raise ValidationError(_("Issue %(code)s is resolved; reopen it before assigning it.") % {"code": issue.code})
    if task_group.pk == issue.body_id or task_group.pk not in issue.body.descendant_ids():
        message = _("The task group must be a sub-group of %(body)s.") % {"body": issue.body}
        raise ValidationError({"task_group": message})
    if task_group.kind not in TASK_GROUP_KINDS:
        message = _("Issues are assigned to working parties, working groups or task groups.")
        raise ValidationError({"task_group": message})
    if assigned_in is not None:
        _check_meeting_of_tree(issue, assigned_in, "assigned_in")
    if report_back is not None:
        _check_meeting_of_tree(issue, report_back, "report_back")
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
    issue = _locked(assignment.issue)
    _refuse_if_closed(issue)
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
        _check_meeting_of_tree(assignment.issue, meeting, "meeting")
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


# ---------------------------------------------------------------------------- bodies


@dataclass(frozen=True)
class SubGroupSpec:
    name: str
    kind: str = Body.Kind.TASK_GROUP
    short_name: str = ""
    mandate: str = ""


@transaction.atomic
def working_party_create(
    *,
    parent: Body,
    name: str,
    by: User | None,
    short_name: str = "",
    mandate: str = "",
    established_on: date | None = None,
    sub_groups: Iterable[SubGroupSpec] = (),
) -> Body:
    """A working party (作業班) under a study group, with its task and working groups, in one go."""
    if parent.kind not in {Body.Kind.STUDY_GROUP, Body.Kind.COUNCIL, Body.Kind.COMMITTEE}:
        raise ValidationError({"parent": _("A working party is set up under a study group, council or committee.")})
    party = Body(
        name=name.strip(),
        short_name=short_name.strip(),
        kind=Body.Kind.WORKING_PARTY,
        parent=parent,
        host=parent.host,
        established_on=established_on,
        mandate=mandate.strip(),
    )
    save_checked(party, by)
    for line, spec in enumerate(sub_groups, start=1):
        if spec.kind not in {Body.Kind.TASK_GROUP, Body.Kind.WORKING_GROUP}:
            raise ValidationError(_("Sub-group %(line)d: a task group or a working group.") % {"line": line})
        group = Body(
            name=spec.name.strip(),
            short_name=spec.short_name.strip(),
            kind=spec.kind,
            parent=party,
            host=parent.host,
            established_on=established_on,
            mandate=spec.mandate.strip(),
        )
        try:
            save_checked(group, by)
        except ValidationError as error:
            raise ValidationError(
                _("Sub-group %(line)d (%(name)s): %(error)s")
                % {"line": line, "name": spec.name, "error": "; ".join(error.messages)}
            ) from error
    return party
