"""API resource of the minutes workflow: the state of each meeting's minutes, read-only."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from apps.access.permissions import visible_meetings
from apps.api.filters import IdFilter, IsoDateTimeFilter, SyncFilterSet
from apps.api.viewsets import ReadOnlyApiViewSet
from apps.minutes.models import Minutes
from apps.minutes.serializers import MinutesSerializer


class MinutesFilter(SyncFilterSet):
    body = IdFilter(field_name="meeting__body", label="会議体の ID / Body id")
    meeting = IdFilter(label="会議の ID / Meeting id")
    status = django_filters.ChoiceFilter(choices=Minutes.Status.choices, label="状態 / State")
    published_after = IsoDateTimeFilter(
        field_name="published_at", lookup_expr="gte", label="この日時以降に公開 / Published at or after (ISO 8601)"
    )
    published_before = IsoDateTimeFilter(
        field_name="published_at", lookup_expr="lt", label="この日時より前に公開 / Published before (ISO 8601)"
    )

    class Meta:
        model = Minutes
        fields = ["body", "meeting", "status"]


@extend_schema_view(
    list=extend_schema(summary="議事要旨の状態の一覧 / List the state of minutes", tags=["minutes"]),
    retrieve=extend_schema(summary="議事要旨の状態 / The state of one meeting's minutes", tags=["minutes"]),
)
class MinutesViewSet(ReadOnlyApiViewSet):
    """議事要旨の状態（作成中→確認中→承認→公開） / Minutes: draft → in review → approved → published.
    Unpublished minutes are visible to the body's participants only."""

    queryset = Minutes.objects.all()
    serializer_class = MinutesSerializer
    filterset_class = MinutesFilter

    def visible(self, queryset):
        return queryset.filter(meeting__in=visible_meetings(self.request.user))

    def body_of(self, obj):
        return obj.meeting.body
