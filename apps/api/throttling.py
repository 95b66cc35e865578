"""One request budget per token, per user, or per address for anonymous callers."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from apps.access.permissions import TokenActor

DEFAULT_RATE = "1200/min"


class ActorRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        # Read at request time, so that an operator (or a test) can change it in settings.
        return getattr(settings, "API_THROTTLE_RATE", DEFAULT_RATE)

    def get_cache_key(self, request, view) -> str:
        actor = request.user
        if isinstance(actor, TokenActor):
            ident = f"token-{actor.token_id}"
        elif actor.is_authenticated:
            ident = f"user-{actor.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
