"""Aggregates of the minutes workflow: review progress of minutes in review."""

import django_filters
from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from apps.access.permissions import draft_body_ids
from apps.minutes.models import Minutes, ReviewRequest, Suggestion

from .base import TAG, AggregateViewSet


class ReviewProgressFilter(django_filters.FilterSet):
    body = django_filters.NumberFilter(field_name="meeting__body", label="会議体の ID / Body id")

    class Meta:
        model = Minutes
        fields = ["body"]


class ReviewProgressSerializer(serializers.Serializer):
    minutes = serializers.IntegerField(source="id", help_text="議事要旨の ID / Minutes id")
    meeting = serializers.IntegerField(source="meeting_id", help_text="会議の ID / Meeting id")
    body = serializers.IntegerField(source="meeting.body_id", help_text="会議体の ID / Body id")
    review_due_on = serializers.DateField(allow_null=True, help_text="確認期限 / Review due on")
    reviewers = serializers.IntegerField(help_text="確認依頼の数 / Review requests")
    approved = serializers.IntegerField(help_text="承認済み / Approved")
    changes_requested = serializers.IntegerField(help_text="修正依頼あり / Changes requested")
    pending = serializers.IntegerField(help_text="未回答 / Not answered yet")
    open_suggestions = serializers.IntegerField(help_text="未処理の修正提案 / Suggestions not decided yet")


@extend_schema_view(
    list=extend_schema(
        summary="確認中の議事要旨の進捗 / Review progress of minutes in review (participants only)", tags=TAG
    )
)
class ReviewProgressViewSet(AggregateViewSet):
    queryset = Minutes.objects.filter(status=Minutes.Status.IN_REVIEW).select_related("meeting")
    filterset_class = ReviewProgressFilter
    serializer_class = ReviewProgressSerializer

    def visible(self, queryset):
        # Reviews are unpublished work: only those who may read the body's drafts see them.
        body_ids = draft_body_ids(self.request.user)
        if body_ids is not None:
            queryset = queryset.filter(meeting__body_id__in=body_ids)
        return queryset

    def list(self, request, *args, **kwargs):
        status = ReviewRequest.Status
        rows = (
            self.filter_queryset(self.get_queryset())
            .annotate(
                reviewers=Count("review_requests", distinct=True),
                approved=Count("review_requests", filter=Q(review_requests__status=status.APPROVED), distinct=True),
                changes_requested=Count(
                    "review_requests", filter=Q(review_requests__status=status.CHANGES_REQUESTED), distinct=True
                ),
                pending=Count("review_requests", filter=Q(review_requests__status=status.PENDING), distinct=True),
                open_suggestions=Count(
                    "review_requests__suggestions",
                    filter=Q(review_requests__suggestions__status=Suggestion.Status.OPEN),
                    distinct=True,
                ),
            )
            .order_by("review_due_on", "id")
        )
        return Response(ReviewProgressSerializer(rows, many=True).data)
