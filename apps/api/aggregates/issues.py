"""Aggregates of the issue register: issue counts and overdue assignments."""

import django_filters
from django.db.models import Count, Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.response import Response

from apps.access.permissions import visible_issues
from apps.api.pagination import ApiPagination
from apps.api.permissions import ReadOrSecretariatWrites
from apps.deliberation.models import Assignment, Issue, IssueStatus
from apps.deliberation.selectors import overdue_assignments

from .base import TAG, AggregateViewSet


class IssueCountFilter(django_filters.FilterSet):
    body = django_filters.NumberFilter(label="会議体の ID / Body id")

    class Meta:
        model = Issue
        fields = ["body"]


class StatusCountSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=IssueStatus.choices, help_text="状態 / Status")
    count = serializers.IntegerField(help_text="件数 / Number of issues")


class TaskGroupCountSerializer(serializers.Serializer):
    task_group = serializers.IntegerField(
        allow_null=True, help_text="タスクグループの ID（未割当ては null） / Task group id (null: not assigned)"
    )
    task_group_name = serializers.CharField(allow_null=True, help_text="タスクグループ名 / Task group name")
    status = serializers.ChoiceField(choices=IssueStatus.choices, help_text="課題の状態 / Issue status")
    count = serializers.IntegerField(help_text="件数 / Number of issues")


class IssueCountsSerializer(serializers.Serializer):
    by_status = StatusCountSerializer(many=True, help_text="状態別 / By status")
    by_task_group = TaskGroupCountSerializer(
        many=True, help_text="担当タスクグループ別（有効な割当て） / By owning task group (active assignments)"
    )


class IssueCountsView(generics.GenericAPIView):
    """One object, not a list: counts over every issue the caller may see."""

    queryset = Issue.objects.all()
    filterset_class = IssueCountFilter
    serializer_class = IssueCountsSerializer
    permission_classes = [ReadOrSecretariatWrites]
    pagination_class = None

    def get_queryset(self):
        return visible_issues(self.request.user, super().get_queryset())

    @extend_schema(
        summary="検討課題の件数（状態別・担当タスクグループ別） / Issue counts by status and by owning task group",
        tags=TAG,
    )
    def get(self, request, *args, **kwargs):
        issues = self.filter_queryset(self.get_queryset())
        by_status = list(issues.order_by("status").values("status").annotate(count=Count("id")))
        active = Q(assignments__status=Assignment.Status.ACTIVE)
        by_task_group = []
        owned = (
            issues.filter(active)
            .values("assignments__task_group", "assignments__task_group__name", "status")
            .annotate(count=Count("id", distinct=True))
            .order_by("assignments__task_group__name", "assignments__task_group", "status")
        )
        for row in owned:
            by_task_group.append(
                {
                    "task_group": row["assignments__task_group"],
                    "task_group_name": row["assignments__task_group__name"],
                    "status": row["status"],
                    "count": row["count"],
                }
            )
        unowned = issues.exclude(pk__in=issues.filter(active).values("pk"))
        for row in unowned.order_by("status").values("status").annotate(count=Count("id")):
            by_task_group.append({"task_group": None, "task_group_name": None, **row})
        return Response(IssueCountsSerializer({"by_status": by_status, "by_task_group": by_task_group}).data)


class OverdueFilter(django_filters.FilterSet):
    body = django_filters.NumberFilter(field_name="issue__body", label="課題の会議体の ID / Body of the issue")
    task_group = django_filters.NumberFilter(label="タスクグループの ID / Task group id")

    class Meta:
        model = Assignment
        fields = ["body", "task_group"]


class OverdueAssignmentSerializer(serializers.ModelSerializer):
    issue_code = serializers.CharField(source="issue.code", help_text="課題番号 / Issue code")
    issue_title = serializers.CharField(source="issue.title", help_text="課題名 / Issue title")
    task_group_name = serializers.CharField(source="task_group.name", help_text="タスクグループ名 / Task group name")
    days_overdue = serializers.SerializerMethodField(help_text="超過日数 / Days past the due date")

    class Meta:
        model = Assignment
        fields = ["id", "issue", "issue_code", "issue_title", "task_group", "task_group_name", "due_on", "days_overdue"]
        extra_kwargs = {
            "id": {"help_text": "割当ての ID / Assignment id"},
            "issue": {"help_text": "課題の ID / Issue id"},
            "task_group": {"help_text": "タスクグループの ID / Task group id"},
            "due_on": {"help_text": "報告期限 / Due date"},
        }

    def get_days_overdue(self, obj) -> int:
        return (timezone.localdate() - obj.due_on).days


@extend_schema_view(
    list=extend_schema(
        summary="期限を過ぎた割当て / Overdue assignments (active, past their due date, Asia/Tokyo)", tags=TAG
    )
)
class OverdueAssignmentsViewSet(AggregateViewSet):
    pagination_class = ApiPagination  # a list of records: paged like every other list

    queryset = Assignment.objects.all()
    filterset_class = OverdueFilter
    serializer_class = OverdueAssignmentSerializer

    def visible(self, queryset):
        # Built per request: "overdue" depends on today's date.
        return overdue_assignments(user=self.request.user)
