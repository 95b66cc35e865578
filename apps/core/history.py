"""Saving a record with its checks and with who made the change in its history."""

from typing import Any

from django.db import models


def save_checked(instance: models.Model, by: Any, **save_kwargs: Any) -> None:
    """full_clean(), then save(); django-simple-history records `by` as the author.

    Without `by` (a task, a command) history falls back to the request's user, if any.
    """
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save(**save_kwargs)
