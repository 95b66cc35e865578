from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core.health import health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database, the broker and at least one worker answer; 503 otherwise.

    Open to anyone (load balancers do not log in); it reveals only up/down and worker names.
    """
    report = health()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
