"""What was said about an issue: statements tagged to it, and the positions organizations took."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.history import save_checked
from apps.directory.models import Organization, Person
from apps.meetings.models import Meeting, Statement

from ..models import Issue, IssueStatement, Position
from .common import check_meeting_of_tree, locked, refuse_if_closed


def check_statement_of_tree(issue: Issue, statement: Statement) -> Meeting:
    meeting = statement.agenda_item.meeting
    if meeting.body_id not in issue.body.descendant_ids():
        raise ValidationError(
            {"statement": _("The statement was made in a meeting outside %(body)s.") % {"body": issue.body}}
        )
    return meeting


@transaction.atomic
def issue_tag_statement(*, issue: Issue, statement: Statement, by: User | None) -> IssueStatement:
    """Record that a statement discusses an issue; tagging twice returns the existing tag."""
    issue = locked(issue)
    refuse_if_closed(issue)
    check_statement_of_tree(issue, statement)
    existing = IssueStatement.objects.filter(issue=issue, statement=statement).first()
    if existing is not None:
        return existing
    tag = IssueStatement(issue=issue, statement=statement, tagged_by=by)
    save_checked(tag, by)
    return tag


@transaction.atomic
def issue_untag_statement(*, issue: Issue, statement: Statement, by: User | None) -> None:
    issue = locked(issue)
    refuse_if_closed(issue)
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
    issue = locked(issue)
    refuse_if_closed(issue)
    check_meeting_of_tree(issue, meeting, "meeting")
    statements = _supporting(statements, meeting)
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


@transaction.atomic
def position_change(
    *,
    position: Position,
    by: User | None,
    stance: str | None = None,
    summary: str | None = None,
    statements: Iterable[Statement] | None = None,
) -> Position:
    """Change a recorded position in place; its stakeholder and meeting stay. None: left as it is."""
    refuse_if_closed(locked(position.issue))
    if stance is not None:
        position.stance = stance
    if summary is not None:
        position.summary = summary.strip()
    save_checked(position, by)
    if statements is not None:
        position.statements.set(_supporting(statements, position.meeting))
    return position


def _supporting(statements: Iterable[Statement], meeting: Meeting) -> list[Statement]:
    statements = list(statements)
    for statement in statements:
        if statement.agenda_item.meeting_id != meeting.pk:
            raise ValidationError({"statements": _("A supporting statement was made in another meeting.")})
    return statements
