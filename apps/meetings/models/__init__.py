"""What happened in a meeting: attendance, agenda, materials, statements, decisions.

One module per concept; every model is re-exported here, so `from apps.meetings.models import X`
is the one way to import them (and migrations refer to apps.meetings.models.validate_statement_length).
"""

from apps.meetings.models.agenda import AgendaItem, Decision, Material
from apps.meetings.models.attendance import Attendance
from apps.meetings.models.meeting import Meeting
from apps.meetings.models.statements import Statement, validate_statement_length

__all__ = [
    "AgendaItem",
    "Attendance",
    "Decision",
    "Material",
    "Meeting",
    "Statement",
    "validate_statement_length",
]
