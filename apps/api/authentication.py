"""Dashboard token authentication: `Authorization: Token shg_…` (or `Bearer shg_…`).

Every use of a token is written to the audit log (logger `shingi.audit`): which token, whose,
what request.
"""

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from apps.access.permissions import TokenActor, token_actor
from apps.api.models import DashboardToken, hash_token
from apps.directory.models import Body

KEYWORDS = ("token", "bearer")
LAST_USED_RESOLUTION = timedelta(minutes=1)
audit = logging.getLogger("shingi.audit")


class DashboardTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header: expected 'Token <key>'."))
        return self.authenticate_key(request, parts[1].decode(errors="replace"))

    def authenticate_key(self, request, raw: str) -> tuple[TokenActor, DashboardToken]:
        """The actor of a raw token (shg_…), wherever the request carried it; the use is audited."""
        now = timezone.now()
        token = (
            DashboardToken.objects.filter(key_hash=hash_token(raw), is_active=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .select_related("created_by")
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        # Record use at most once a minute, so that reads do not each cost a write.
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
            DashboardToken.objects.filter(pk=token.pk).update(last_used_at=now)
        actor = token_actor(
            token_id=token.pk,
            body_ids=Body.objects.filter(pk__in=token.bodies.values("pk")).subtree_ids(),
            issuer=token.created_by,
            can_write=token.can_write,
            can_read_drafts=token.can_read_drafts,
        )
        audit.info(
            "token %s used: %s %s",
            token.prefix,
            request.method,
            request.get_full_path(),
            extra={
                "token_id": token.pk,
                "issuer": token.created_by.get_username() if token.created_by else None,
                "method": request.method,
                "path": request.get_full_path(),
                "refused": actor is None,
            },
        )
        if actor is None:
            raise exceptions.AuthenticationFailed(_("This token's issuer no longer runs the bodies it reads."))
        return actor, token

    def authenticate_header(self, request) -> str:
        return "Token"


class DashboardTokenScheme(OpenApiAuthenticationExtension):
    target_class = DashboardTokenAuthentication
    name = "dashboardToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "「Token shg_…」の形式。管理画面で事務局が発行 / 'Token shg_…', issued by the "
            "secretariat in the admin.",
        }
