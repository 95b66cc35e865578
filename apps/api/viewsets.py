"""What every API resource shares: visibility, a stable order, ETags, modified_since."""

import hashlib
import json
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.utils.http import parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from apps.access.permissions import TokenActor, is_secretariat
from apps.api.exceptions import PreconditionFailed
from apps.api.permissions import ReadOrSecretariatWrites


def etag_for(data) -> str:
    encoded = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False).encode()
    return quote_etag(hashlib.sha256(encoded).hexdigest()[:40])


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="前回の ETag。変更がなければ 304 / A previous ETag; 304 Not Modified if unchanged.",
)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="読み込んだときの ETag（省略可）。その後に変更されていれば 412 / The ETag read (optional); 412 if "
    "the record has changed since, so that no edit overwrites another. Without it the write is unconditional.",
)


class ApiViewSet(viewsets.GenericViewSet):
    """A resource: `visible()` says what the caller may read; `body_of()` which body owns a record."""

    permission_classes = [ReadOrSecretariatWrites]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if isinstance(request.user, TokenActor) and request.method not in SAFE_METHODS:
            # History records a user: a token's writes are recorded as made by whoever issued it.
            request._request.user = request.auth.created_by or AnonymousUser()

    def acting_user(self):
        """Who a write is recorded as: the signed-in user, or whoever issued the token."""
        if isinstance(self.request.user, TokenActor):
            return self.request.auth.created_by
        return self.request.user

    def visible(self, queryset):
        raise NotImplementedError

    def body_of(self, obj):
        raise NotImplementedError

    def get_queryset(self):
        return self.visible(super().get_queryset())

    def locked_object(self):
        """The record under a row lock (call inside a transaction), after the If-Match check:
        a write based on an older representation is refused with 412, never merged.

        Every write to an existing record goes through here, and declares IF_MATCH in its schema
        (apps.api.schema then documents the 412). If-Match is optional, as HTTP has it: a client
        that sends none writes unconditionally; one that sends the ETag it read never overwrites
        a change made since."""
        instance = self.get_object()
        locked = self.get_queryset().select_for_update(of=("self",)).get(pk=instance.pk)
        expected = self.request.headers.get("If-Match")
        if expected is not None and expected.strip() != "*":
            current = etag_for(self.get_serializer(locked).data)
            if current not in parse_etags(expected):
                raise PreconditionFailed()
        return locked

    def written(self, instance, status_code: int = status.HTTP_200_OK) -> Response:
        """The record as written, re-read as the detail view reads it, with its new ETag."""
        data = self.get_serializer(self.get_queryset().get(pk=instance.pk)).data
        return Response(data, status=status_code, headers={"ETag": etag_for(data)})

    def check_may_write(self, body) -> None:
        if body is None or not is_secretariat(self.request.user, body):
            raise PermissionDenied()


if TYPE_CHECKING:
    _GenericView = generics.GenericAPIView
else:
    _GenericView = object  # a mixin: the view it is mixed into provides get_object and get_serializer


class ETagRetrieveMixin(_GenericView):
    """Detail views answer with an ETag over the representation and honour If-None-Match."""

    @extend_schema(parameters=[IF_NONE_MATCH])
    def retrieve(self, request, *args, **kwargs):
        data = self.get_serializer(self.get_object()).data
        etag = etag_for(data)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})


class ReadOnlyApiViewSet(ETagRetrieveMixin, mixins.ListModelMixin, ApiViewSet):
    pass
