"""What every aggregate shares: a tag in the schema, and no paging of a fixed-size answer."""

from rest_framework import mixins

from apps.api.pagination import ApiPagination
from apps.api.viewsets import ApiViewSet

TAG = ["aggregates"]


class AggregateViewSet(mixins.ListModelMixin, ApiViewSet):
    pagination_class: type[ApiPagination] | None = None

    def body_of(self, obj):
        return None
