"""Writes with rules for the issue register: issues, status changes, tags, positions, assignments.

Every status change leaves a ProgressNote saying who, when, in which meeting and why.
A closed issue is final: nothing about it changes any more.
"""

from .assignments import assignment_create, assignment_report_back, assignment_withdraw, meeting_carry_over_issues
from .bodies import SubGroupSpec, working_party_create
from .issues import ALLOWED_MOVES, issue_add_note, issue_change_status, issue_create, issue_update
from .statements import issue_tag_statement, issue_untag_statement, position_change, position_record

__all__ = [
    "ALLOWED_MOVES",
    "SubGroupSpec",
    "assignment_create",
    "assignment_report_back",
    "assignment_withdraw",
    "issue_add_note",
    "issue_change_status",
    "issue_create",
    "issue_tag_statement",
    "issue_untag_statement",
    "issue_update",
    "meeting_carry_over_issues",
    "position_change",
    "position_record",
    "working_party_create",
]
