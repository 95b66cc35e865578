"""Aggregates for dashboards. Each one counts only what the caller may see."""

import django_filters
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from apps.access.permissions import draft_body_ids, visible_bodies, visible_issues, visible_meetings
from apps.api.filters import IdFilter, IsoDateTimeFilter
from apps.api.pagination import ApiPagination
from apps.api.permissions import ReadOrSecretariatWrites
from apps.api.viewsets import ApiViewSet
from apps.deliberation.models import Assignment, Issue, IssueStatus, Position
from apps.deliberation.selectors import overdue_assignments, stakeholder_matrix
from apps.directory.models import Body, Organization
from apps.meetings.models import Meeting, Statement
from apps.minutes.models import Minutes, ReviewRequest, Suggestion

TAG = ["aggregates"]


def assignment_is_overdue(assignment: Assignment) -> bool:
    """The rule of apps.deliberation.selectors.overdue_assignments, for one assignment."""
    return (
        assignment.status == Assignment.Status.ACTIVE
        and assignment.due_on is not None
        and assignment.due_on < timezone.localdate()
        and assignment.issue.status not in (IssueStatus.RESOLVED, IssueStatus.CLOSED)
    )


class AggregateViewSet(mixins.ListModelMixin, ApiViewSet):
    pagination_class: type[ApiPagination] | None = None

    def body_of(self, obj):
        return None


# --- issue counts ---------------------------------------------------------------------------


class IssueCountFilter(django_filters.FilterSet):
    body = IdFilter(label="会議体の ID / Body id")

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


# --- overdue assignments --------------------------------------------------------------------


class OverdueFilter(django_filters.FilterSet):
    body = IdFilter(field_name="issue__body", label="課題の会議体の ID / Body of the issue")
    task_group = IdFilter(label="タスクグループの ID / Task group id")

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

    queryset = overdue_assignments()
    filterset_class = OverdueFilter
    serializer_class = OverdueAssignmentSerializer

    def visible(self, queryset):
        return queryset.filter(issue__in=visible_issues(self.request.user))


# --- meetings per body over time ------------------------------------------------------------


class MeetingsPerBodyFilter(django_filters.FilterSet):
    body = IdFilter(label="会議体の ID / Body id")
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


# --- statements per organization per issue --------------------------------------------------


class StatementsPerOrganizationFilter(django_filters.FilterSet):
    body = IdFilter(field_name="taggings__issue__body", label="課題の会議体の ID / Body of the issue")
    issue = IdFilter(field_name="taggings__issue", label="検討課題の ID / Issue id")

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


# --- review progress of minutes in review ---------------------------------------------------


class ReviewProgressFilter(django_filters.FilterSet):
    body = IdFilter(field_name="meeting__body", label="会議体の ID / Body id")

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


# --- stakeholder matrix -----------------------------------------------------------------------


class StakeholderMatrixFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(), required=True, label="会議体の ID（必須） / Body id (required)"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=IssueStatus.choices, method="noop", label="課題の状態で絞る / Only issues in these statuses"
    )
    as_of = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.all(),
        method="noop",
        label="この会議の時点の立場 / Positions as of this meeting (later ones ignored)",
    )

    class Meta:
        model = Body
        fields = ["body", "status", "as_of"]

    def noop(self, queryset, name, value):
        return queryset


class MatrixIssueSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="検討課題の ID / Issue id")
    code = serializers.CharField(help_text="課題番号 / Issue code")
    title = serializers.CharField(help_text="件名 / Title")
    status = serializers.ChoiceField(choices=IssueStatus.choices, help_text="状態 / Status")


class MatrixOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="組織の ID / Organization id")
    name = serializers.CharField(help_text="名称 / Name")
    short_name = serializers.CharField(help_text="略称 / Short name")
    kind = serializers.ChoiceField(choices=Organization.Kind.choices, help_text="種別 / Kind")


class MatrixCellSerializer(serializers.Serializer):
    issue = serializers.IntegerField(source="position.issue_id", help_text="検討課題の ID / Issue id")
    organization = serializers.IntegerField(source="position.organization_id", help_text="組織の ID / Organization id")
    stance = serializers.ChoiceField(choices=Position.Stance.choices, help_text="最新の立場 / Latest stance")
    summary = serializers.CharField(source="position.summary", help_text="要旨 / Summary")
    position = serializers.IntegerField(source="position.pk", help_text="立場の ID / Position id")
    meeting = serializers.IntegerField(source="position.meeting_id", help_text="その立場の会議 / Meeting of the stance")


class StakeholderMatrixSerializer(serializers.Serializer):
    body = serializers.IntegerField(source="body.pk", help_text="会議体の ID / Body id")
    issues = MatrixIssueSerializer(many=True, help_text="行：検討課題 / Rows: issues")
    organizations = MatrixOrganizationSerializer(many=True, help_text="列：組織 / Columns: organizations")
    cells = MatrixCellSerializer(
        many=True,
        help_text="各組織の最新の立場（ないところは省略） / Each organization's latest position (gaps left out)",
    )


class StakeholderMatrixView(generics.GenericAPIView):
    """The portal's matrix (apps.deliberation.selectors.stakeholder_matrix), limited to what the caller may read."""

    queryset = Body.objects.all()
    filterset_class = StakeholderMatrixFilter
    serializer_class = StakeholderMatrixSerializer
    permission_classes = [ReadOrSecretariatWrites]
    pagination_class = None

    def get_queryset(self):
        return visible_bodies(self.request.user, super().get_queryset())

    @extend_schema(
        summary="会議体の利害関係者マトリクス（課題×組織の最新の立場） / Stakeholder matrix of a body "
        "(issues × organizations, latest stance)",
        tags=TAG,
    )
    def get(self, request, *args, **kwargs):
        filterset = StakeholderMatrixFilter(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        body = filterset.form.cleaned_data["body"]
        if not self.get_queryset().filter(pk=body.pk).exists():
            raise NotFound()
        matrix = stakeholder_matrix(
            body=body,
            as_of=filterset.form.cleaned_data.get("as_of"),
            statuses=filterset.form.cleaned_data.get("status") or None,
            user=request.user,
        )
        cells = [cell for (_issue, _organization), cell in sorted(matrix.cells.items())]
        data = {"body": body, "issues": matrix.issues, "organizations": matrix.organizations, "cells": cells}
        return Response(StakeholderMatrixSerializer(data).data)
