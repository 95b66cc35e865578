"""Aggregates of the meeting record: meetings per body over time, statements per organization."""

import django_filters
from django.db.models import Count, F
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from apps.access.permissions import visible_issues, visible_meetings
from apps.api.filters import IsoDateTimeFilter
from apps.meetings.models import Meeting, Statement

from .base import TAG, AggregateViewSet


class MeetingsPerBodyFilter(django_filters.FilterSet):
    body = django_filters.NumberFilter(label="会議体の ID / Body id")
    interval = django_filters.ChoiceFilter(
        method="noop",
        choices=[("month", "month"), ("year", "year")],
        empty_label=None,
        label="集計単位（month または year、既定 month） / Bucket size (month or year, default month)",
    )
    date_from = IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="gte", label="この日時以降 / At or after (ISO 8601)"
    )
    date_to = IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt", label="この日時より前 / Before (ISO 8601)")

    class Meta:
        model = Meeting
        fields = ["body", "interval", "date_from", "date_to"]

    def noop(self, queryset, name, value):
        return queryset


class MeetingsPerBodySerializer(serializers.Serializer):
    body = serializers.IntegerField(help_text="会議体の ID / Body id")
    body_name = serializers.CharField(help_text="会議体名 / Body name")
    period = serializers.DateField(help_text="期間の初日（東京時間） / First day of the period (Asia/Tokyo)")
    count = serializers.IntegerField(help_text="会議数 / Number of meetings")


@extend_schema_view(list=extend_schema(summary="会議体ごとの会議数の推移 / Meetings per body over time", tags=TAG))
class MeetingsPerBodyViewSet(AggregateViewSet):
    queryset = Meeting.objects.all()
    filterset_class = MeetingsPerBodyFilter
    serializer_class = MeetingsPerBodySerializer

    def visible(self, queryset):
        return visible_meetings(self.request.user, queryset)

    def list(self, request, *args, **kwargs):
        truncate = TruncYear if request.query_params.get("interval") == "year" else TruncMonth
        rows = (
            self.filter_queryset(self.get_queryset())
            .annotate(period=truncate("starts_at", tzinfo=timezone.get_current_timezone()))
            .values("body", "period")
            .annotate(body_name=F("body__name"), count=Count("id"))
            .order_by("body_name", "body", "period")
        )
        data = [{**row, "period": row["period"].date()} for row in rows]
        return Response(MeetingsPerBodySerializer(data, many=True).data)


class StatementsPerOrganizationFilter(django_filters.FilterSet):
    body = django_filters.NumberFilter(
        field_name="taggings__issue__body", label="課題の会議体の ID / Body of the issue"
    )
    issue = django_filters.NumberFilter(field_name="taggings__issue", label="検討課題の ID / Issue id")

    class Meta:
        model = Statement
        fields = ["body", "issue"]


class StatementsPerOrganizationSerializer(serializers.Serializer):
    issue = serializers.IntegerField(help_text="検討課題の ID / Issue id")
    issue_code = serializers.CharField(help_text="課題番号 / Issue code")
    organization = serializers.IntegerField(
        allow_null=True, help_text="発言者の組織の ID（不明は null） / Speaker organization id (null: unknown)"
    )
    organization_name = serializers.CharField(allow_null=True, help_text="組織名 / Organization name")
    count = serializers.IntegerField(help_text="発言数 / Number of statements")


@extend_schema_view(
    list=extend_schema(
        summary="課題ごと・組織ごとの発言数 / Statements per organization per issue (tagged statements)", tags=TAG
    )
)
class StatementsPerOrganizationViewSet(AggregateViewSet):
    queryset = Statement.objects.all()
    filterset_class = StatementsPerOrganizationFilter
    serializer_class = StatementsPerOrganizationSerializer

    def visible(self, queryset):
        user = self.request.user
        return queryset.filter(
            agenda_item__meeting__in=visible_meetings(user), taggings__issue__in=visible_issues(user)
        )

    def list(self, request, *args, **kwargs):
        rows = (
            self.filter_queryset(self.get_queryset())
            .values(
                issue=F("taggings__issue"),
                issue_code=F("taggings__issue__code"),
                issue_number=F("taggings__issue__number"),
                organization=F("speaker_organization"),
                organization_name=F("speaker_organization__name"),
            )
            .annotate(count=Count("id", distinct=True))
            .order_by(
                F("issue_number").asc(nulls_last=True), "issue_code", "issue", "organization_name", "organization"
            )
        )
        return Response(StatementsPerOrganizationSerializer(rows, many=True).data)
