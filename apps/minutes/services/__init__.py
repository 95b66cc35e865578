"""Every step of the minutes workflow: draft → in_review → approved → published, then errata.

Each service checks who may act (apps.access.permissions) and whether the state allows the step,
and refuses with PermissionDenied or a WorkflowError whose message says what to do instead.
Writes carry `by` into django-simple-history, so the timeline shows who did what and when.
"""

from .common import minutes_for_meeting
from .decisions import (
    erratum_add,
    minutes_approve,
    minutes_publish,
    statement_update,
    suggestion_accept,
    suggestion_reject,
)
from .review import (
    minutes_send_for_review,
    review_approve_all,
    review_approve_statement,
    review_record_approval,
    suggestion_propose,
)

__all__ = [
    "erratum_add",
    "minutes_approve",
    "minutes_for_meeting",
    "minutes_publish",
    "minutes_send_for_review",
    "review_approve_all",
    "review_approve_statement",
    "review_record_approval",
    "statement_update",
    "suggestion_accept",
    "suggestion_propose",
    "suggestion_reject",
]
