"""One error shape for the whole API:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"status": ["…"]}}}

`fields` maps each offending input (body field or query parameter, dotted for nested data)
to its messages; it is empty when the error is not about one input.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"
    default_detail = (
        "他の人が先に変更しました。読み直してから変更してください / Someone else changed this record since "
        "you read it (If-Match); read it again and apply your change."
    )


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "unavailable"


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            key = "non_field_errors" if key == NON_FIELD_ERRORS else key
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and detail and all(isinstance(item, (dict, list)) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            flat.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(message) for message in messages]}


def _first_code(codes) -> str:
    while isinstance(codes, (dict, list)) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) else "error"


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = Conflict(_("Other records still refer to this one; it cannot be deleted."))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    fields: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = "; ".join(f"{name}: {' '.join(texts)}" for name, texts in fields.items())
        code = "invalid"
    else:
        message = str(exc.detail) if not isinstance(exc.detail, (dict, list)) else str(_flatten(exc.detail))
        code = _first_code(exc.get_codes())
    response.data = {"error": {"status": response.status_code, "code": code, "message": message, "fields": fields}}
    return response


@csrf_exempt  # it changes nothing, whatever the method; a CSRF page would break the error shape
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    message = str(exceptions.NotFound.default_detail)
    return JsonResponse({"error": {"status": 404, "code": "not_found", "message": message, "fields": {}}}, status=404)
