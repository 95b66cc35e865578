"""Refusals of the minutes workflow. Each carries a message meant for the person who acted.

They are ValidationErrors so that forms and the admin show them as such; permission refusals
are django.core.exceptions.PermissionDenied; stale edits are apps.core.locking.StaleEditError.
"""

from django.core.exceptions import ValidationError


class WorkflowError(ValidationError):
    """The current state of the minutes does not allow this step."""


class FrozenRecordError(WorkflowError):
    """The record belongs to published minutes, which never change in place."""
