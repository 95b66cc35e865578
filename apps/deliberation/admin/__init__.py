"""The secretariat's register in the admin: issues with their assignments, positions and notes,
statement tagging with suggestions, and setting up a working party with its task groups.

Every write goes through apps.deliberation.services, so the admin keeps the same rules
(status moves, closed issues, progress notes) as the portal and the API.
"""

from .carry_over import MeetingAgendaOfferAdmin
from .issues import IssueAdmin
from .tagging import StatementTaggingAdmin
from .working_parties import WorkingPartySetupAdmin

__all__ = ["IssueAdmin", "MeetingAgendaOfferAdmin", "StatementTaggingAdmin", "WorkingPartySetupAdmin"]
