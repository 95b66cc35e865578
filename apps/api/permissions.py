"""DRF permission classes; the rules themselves live in apps.access.permissions."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.access.permissions import TokenActor, is_secretariat, secretariat_body_ids


class ReadOrSecretariatWrites(BasePermission):
    """Anyone signed in (or holding a token) reads what the querysets let them see; writes
    belong to the secretariat of the record's body (a token only if it may write)."""

    def has_permission(self, request, view) -> bool:
        actor = request.user
        if not actor or not actor.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return True
        if isinstance(actor, TokenActor):
            return actor.can_write
        ids = secretariat_body_ids(actor)
        return ids is None or bool(ids)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        body = view.body_of(obj)
        return body is not None and is_secretariat(request.user, body)
