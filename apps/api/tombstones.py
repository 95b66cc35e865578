"""Deleted records, reported to incremental-sync clients (OParl: `deleted: true`)."""

import django_filters
from django.db.models.signals import post_delete
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from apps.api.filters import IsoDateTimeFilter
from apps.api.models import Tombstone
from apps.api.pagination import ApiPagination
from apps.api.viewsets import ApiViewSet

# API resource name → model label, for every resource a client can sync.
SYNCED_RESOURCES = {
    "bodies": "directory.Body",
    "organizations": "directory.Organization",
    "people": "directory.Person",
    "memberships": "directory.Membership",
    "meetings": "meetings.Meeting",
    "agenda-items": "meetings.AgendaItem",
    "materials": "meetings.Material",
    "statements": "meetings.Statement",
    "decisions": "meetings.Decision",
    "issues": "deliberation.Issue",
    "taggings": "deliberation.IssueStatement",
    "positions": "deliberation.Position",
    "assignments": "deliberation.Assignment",
    "minutes": "minutes.Minutes",
    "documents": "reports.GeneratedDocument",
}


def _record_deletion(sender, instance, **kwargs) -> None:
    Tombstone.objects.create(resource=sender._api_resource, object_id=instance.pk)


def connect_signals() -> None:
    from django.apps import apps

    for resource, label in SYNCED_RESOURCES.items():
        model = apps.get_model(label)
        model._api_resource = resource
        post_delete.connect(_record_deletion, sender=model, dispatch_uid=f"api-tombstone-{resource}")


class TombstoneFilter(django_filters.FilterSet):
    resource = django_filters.ChoiceFilter(
        choices=[(name, name) for name in SYNCED_RESOURCES], label="リソース名 / Resource name"
    )
    modified_since = IsoDateTimeFilter(
        field_name="deleted_at", lookup_expr="gte", label="この日時以降に削除 / Deleted at or after (ISO 8601)"
    )

    class Meta:
        model = Tombstone
        fields = ["resource", "modified_since"]


class TombstoneSerializer(serializers.ModelSerializer):
    deleted = serializers.SerializerMethodField(help_text="常に true（OParl） / Always true (as in OParl)")

    class Meta:
        model = Tombstone
        fields = ["resource", "object_id", "deleted_at", "deleted"]
        extra_kwargs = {
            "resource": {"help_text": "リソース名 / Resource name"},
            "object_id": {"help_text": "削除されたものの ID / Id of the deleted record"},
            "deleted_at": {"help_text": "削除日時 / When it was deleted"},
        }

    def get_deleted(self, obj) -> bool:
        return True


@extend_schema_view(
    list=extend_schema(
        summary="削除されたものの一覧（差分同期） / Deleted records, for incremental sync",
        description="`modified_since` で一覧を同期するクライアントは、同じ時刻以降の削除をここで受け取る / "
        "Clients syncing a list with `modified_since` learn here of deletions since the same time.",
        tags=["sync"],
    )
)
class TombstoneViewSet(mixins.ListModelMixin, ApiViewSet):
    queryset = Tombstone.objects.all()
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilter
    pagination_class = ApiPagination

    def visible(self, queryset):
        return queryset

    def body_of(self, obj):
        return None
