"""Dashboard tokens and the tombstones of deleted records that incremental sync reports."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.directory.models import Body

TOKEN_PREFIX = "shg_"  # noqa: S105 - a marker that makes leaked tokens easy to scan for


def hash_token(raw: str) -> str:
    # The secret has 256 random bits, so a fast hash is as safe as a slow one here.
    return hashlib.sha256(raw.encode()).hexdigest()


class DashboardToken(TimeStampedModel):
    """A token for a dashboard or another system: read-only unless allowed to write, and
    limited to some bodies (with every body below them). Only the hash is kept."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Who or what uses the token."))
    prefix = models.CharField(_("prefix"), max_length=12, editable=False, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    bodies = models.ManyToManyField(
        Body,
        verbose_name=_("bodies"),
        related_name="dashboard_tokens",
        help_text=_("The token reads these bodies and every body below them."),
    )
    can_read_drafts = models.BooleanField(
        _("may read unpublished records"),
        default=False,
        help_text=_(
            "Draft minutes, reviews and the issues raised in them, as the body's participants see them. "
            "Leave off for dashboards shown to the public."
        ),
    )
    can_write = models.BooleanField(
        _("may write"),
        default=False,
        help_text=_("Writes act as the secretariat of the bodies above; leave off for dashboards."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("dashboard token")
        verbose_name_plural = _("dashboard tokens")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self) -> str:
        """Give the token a fresh secret and return it; it cannot be read back later."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[: len(TOKEN_PREFIX) + 6]
        self.key_hash = hash_token(raw)
        return raw


class Tombstone(models.Model):
    """A deleted record, kept so that `modified_since` clients learn of the deletion (OParl)."""

    resource = models.CharField(_("resource"), max_length=40, help_text=_("API resource name, e.g. statements"))
    object_id = models.BigIntegerField(_("object id"))
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        ordering = ["deleted_at", "id"]
        indexes = [models.Index(fields=["resource", "deleted_at"])]

    def __str__(self) -> str:
        return f"{self.resource}/{self.object_id}"
