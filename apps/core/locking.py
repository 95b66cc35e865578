"""Optimistic locking, one mechanism for every editable record.

A locked model carries a `version` (VersionedModel). Every save of an existing row checks that
the instance's version is the stored one and bumps it; a save based on an older version is
refused with StaleEditError instead of overwriting someone else's edit. Forms (the portal, the
admin) post the version they showed (VersionedForm); the API compares If-Match with the
record's ETag under a row lock (apps.api.viewsets). A save with `update_fields` is checked, but
bumps the version only if the fields include "version".

Inside a transaction every check reads the stored version with SELECT … FOR UPDATE (`stored_version`),
so the row stays locked from the check to the commit: two edits racing between a form's check and
its save cannot both pass, the second waits and then sees the first's version.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class StaleEditError(ValidationError):
    """The edit was based on a version that someone else has since changed."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1)

    class Meta:
        abstract = True


def _refuse(instance: VersionedModel, yours: int, current: int) -> None:
    raise StaleEditError(
        _(
            "Someone else changed this %(what)s (%(record)s) while you were editing it: you edited "
            "version %(yours)d, the current one is version %(current)d. Reload it and apply your change again."
        )
        % {"what": instance._meta.verbose_name, "record": instance, "yours": yours, "current": current},
        code="stale",
    )


def stored_version(model: type[models.Model], pk: Any) -> int | None:
    """The row's version; inside a transaction the row stays locked until it ends (None: no such row)."""
    # No default ordering: it could join (and with FOR UPDATE lock) related tables too.
    stored = model._default_manager.filter(pk=pk).order_by("pk")
    if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        stored = stored.select_for_update()
    return stored.values_list("version", flat=True).first()


def check_version(sender: type[VersionedModel], instance: VersionedModel, update_fields=None, **kwargs: Any) -> None:
    if instance.pk is None or instance._state.adding:
        return
    stored = stored_version(sender, instance.pk)
    if stored is None:
        return
    if stored != instance.version:
        _refuse(instance, instance.version, stored)
    if update_fields is None or "version" in update_fields:
        instance.version = stored + 1


def lock_versions(*models_: type[VersionedModel]) -> None:
    for model in models_:
        pre_save.connect(check_version, sender=model, dispatch_uid=f"version-lock-{model._meta.label}")


class VersionedForm(forms.ModelForm):
    """Carries the record's version through a form (list "version" among the fields shown), so
    that a stale edit is a form error on the page rather than a crash on save. In a transaction
    (the admin's change view is one) the check locks the row until the save is committed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("version") is None:
            cleaned["version"] = self.instance.version
        if self.instance.pk and self.has_changed():
            stored = stored_version(self._meta.model, self.instance.pk)
            if stored is not None and cleaned["version"] != stored:
                raise ValidationError(
                    _(
                        "Someone else changed this %(what)s while you were editing it (now version %(current)d). "
                        "Reload the page and apply your change again."
                    )
                    % {"what": self._meta.model._meta.verbose_name, "current": stored},
                    code="stale",
                )
        return cleaned
