"""Open issues (検討課題) across meetings: tags, stakeholder positions, assignments, notes."""

from .admin_pages import MeetingAgendaOffer, StatementTagging, WorkingPartySetup
from .issues import CODE_PATTERN, SETTLED_STATUSES, Issue, IssueStatement, IssueStatus, Position, code_number
from .work import Assignment, AssignmentQuerySet, ProgressNote

__all__ = [
    "CODE_PATTERN",
    "SETTLED_STATUSES",
    "Assignment",
    "AssignmentQuerySet",
    "Issue",
    "IssueStatement",
    "IssueStatus",
    "MeetingAgendaOffer",
    "Position",
    "ProgressNote",
    "StatementTagging",
    "WorkingPartySetup",
    "code_number",
]
