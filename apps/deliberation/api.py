"""API resources of the issue register: issues, tagged statements, positions, assignments.

The secretariat writes here (a token only if it may write); everyone else reads what the
register rules in apps.access.permissions let them see. A write to an existing record (an issue,
a position, an assignment) takes If-Match and is refused with 412 when stale (ApiViewSet.locked_object).
"""

import django_filters
from django.db import transaction
from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied
from rest_framework.response import Response

from apps.access.permissions import visible_issues, visible_meetings, visible_positions
from apps.api.filters import IdFilter, SyncFilterSet
from apps.api.viewsets import IF_MATCH, ReadOnlyApiViewSet
from apps.deliberation import services
from apps.deliberation.models import Assignment, Issue, IssueStatement, IssueStatus, Position
from apps.deliberation.selectors import taggable_issues
from apps.deliberation.serializers import (
    AssignmentCreateInput,
    AssignmentReportInput,
    AssignmentSerializer,
    AssignmentWithdrawInput,
    IssueCreateInput,
    IssueSerializer,
    IssueStatusInput,
    IssueUpdateInput,
    PositionChangeInput,
    PositionInput,
    PositionSerializer,
    TaggingInput,
    TaggingSerializer,
)
from apps.meetings.models import Statement


def _result(serializer_class, instance, view, status_code=status.HTTP_200_OK) -> Response:
    return Response(serializer_class(instance, context=view.get_serializer_context()).data, status=status_code)


def _input(view, input_class, partial: bool = False) -> dict:
    data = input_class(data=view.request.data, context=view.get_serializer_context(), partial=partial)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class IssueFilter(SyncFilterSet):
    body = IdFilter(label="会議体の ID / Body id")
    status = django_filters.MultipleChoiceFilter(choices=IssueStatus.choices, label="状態 / Status")
    priority = django_filters.ChoiceFilter(choices=Issue.Priority.choices, label="優先度 / Priority")
    raised_in = IdFilter(label="提起された会議の ID / Meeting that raised it")
    meeting = IdFilter(
        field_name="taggings__statement__agenda_item__meeting",
        distinct=True,
        label="この会議で議論された課題 / Issues discussed in this meeting",
    )
    organization = IdFilter(
        field_name="positions__organization",
        distinct=True,
        label="この組織が意見を述べた課題 / Issues on which this organization took a position",
    )
    task_group = IdFilter(
        field_name="assignments__task_group", distinct=True, label="割当先タスクグループの ID / Assigned task group"
    )
    q = django_filters.CharFilter(method="search", label="件名・説明の検索 / Search in title and description")

    class Meta:
        model = Issue
        fields = ["body", "status", "priority", "raised_in", "meeting", "organization", "task_group"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value) | Q(code=value))


@extend_schema_view(
    list=extend_schema(summary="検討課題の一覧 / List issues", tags=["register"]),
    retrieve=extend_schema(summary="検討課題（割当てを含む） / One issue, with its assignments", tags=["register"]),
)
class IssueViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyApiViewSet):
    """検討課題（会議をまたいで残る論点） / Open issues that stay on the table across meetings."""

    queryset = Issue.objects.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("issue").order_by("due_on", "id"))
    )
    serializer_class = IssueSerializer
    filterset_class = IssueFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def visible(self, queryset):
        return visible_issues(self.request.user, queryset)

    def body_of(self, obj):
        return obj.body

    @extend_schema(
        summary="検討課題の登録（事務局。番号は自動） / Register an issue (secretariat; the code is allocated)",
        request=IssueCreateInput,
        responses={201: IssueSerializer},
        tags=["register"],
    )
    def create(self, request, *args, **kwargs):
        data = _input(self, IssueCreateInput)
        self.check_may_write(data["body"])
        issue = services.issue_create(**data, by=self.acting_user())
        return _result(IssueSerializer, self.get_queryset().get(pk=issue.pk), self, status.HTTP_201_CREATED)

    @extend_schema(
        summary="件名・説明・優先度の変更（事務局） / Change the wording or priority (secretariat)",
        request=IssueUpdateInput,
        parameters=[IF_MATCH],
        responses={200: IssueSerializer},
        tags=["register"],
    )
    def partial_update(self, request, *args, **kwargs):
        with transaction.atomic():
            issue = self.locked_object()
            data = _input(self, IssueUpdateInput, partial=True)
            services.issue_update(issue=issue, **data, by=self.acting_user())
        return self.written(issue)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            raise MethodNotAllowed(request.method)
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="状態の変更（事務局。理由を経過メモに記録） / Change the status (secretariat; the reason is kept)",
        request=IssueStatusInput,
        parameters=[IF_MATCH],
        responses={200: IssueSerializer},
        tags=["register"],
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        with transaction.atomic():
            issue = self.locked_object()
            data = _input(self, IssueStatusInput)
            services.issue_change_status(issue=issue, **data, by=self.acting_user())
        return self.written(issue)


class TaggingFilter(SyncFilterSet):
    issue = IdFilter(label="検討課題の ID / Issue id")
    statement = IdFilter(label="発言の ID / Statement id")
    meeting = IdFilter(field_name="statement__agenda_item__meeting", label="会議の ID / Meeting id")

    class Meta:
        model = IssueStatement
        fields = ["issue", "statement", "meeting"]


@extend_schema_view(
    list=extend_schema(summary="発言と課題の紐付けの一覧 / List statements tagged to issues", tags=["register"]),
    retrieve=extend_schema(summary="紐付け / One tag", tags=["register"]),
    create=extend_schema(summary="発言を課題に紐付ける（事務局） / Tag a statement to an issue", tags=["register"]),
    destroy=extend_schema(summary="紐付けを外す（事務局） / Remove a tag (secretariat)", tags=["register"]),
)
class TaggingViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, ReadOnlyApiViewSet):
    """どの発言がどの課題を論じたか / Which statements discuss which issue."""

    queryset = IssueStatement.objects.select_related("issue__body")
    serializer_class = TaggingSerializer
    filterset_class = TaggingFilter
    http_method_names = ["get", "post", "delete", "head", "options"]

    def visible(self, queryset):
        return queryset.filter(
            issue__in=visible_issues(self.request.user),
            statement__agenda_item__meeting__in=visible_meetings(self.request.user),
        )

    def body_of(self, obj):
        return obj.issue.body

    @extend_schema(request=TaggingInput, responses={201: TaggingSerializer})
    def create(self, request, *args, **kwargs):
        data = _input(self, TaggingInput)
        self.check_may_write(data["issue"].body)
        statement, user = data["statement"], self.request.user
        if not visible_meetings(user).filter(pk=statement.agenda_item.meeting_id).exists():
            raise PermissionDenied()
        taggable = taggable_issues(body=statement.agenda_item.meeting.body, user=user)
        if not taggable.filter(pk=data["issue"].pk).exists():
            raise PermissionDenied()
        tag = services.issue_tag_statement(**data, by=self.acting_user())
        return _result(TaggingSerializer, tag, self, status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.issue_untag_statement(issue=instance.issue, statement=instance.statement, by=self.acting_user())


class PositionFilter(SyncFilterSet):
    issue = IdFilter(label="検討課題の ID / Issue id")
    body = IdFilter(field_name="issue__body", label="会議体の ID / Body id")
    organization = IdFilter(label="組織の ID / Organization id")
    person = IdFilter(label="人物の ID / Person id")
    meeting = IdFilter(label="会議の ID / Meeting id")
    stance = django_filters.ChoiceFilter(choices=Position.Stance.choices, label="立場 / Stance")

    class Meta:
        model = Position
        fields = ["issue", "body", "organization", "person", "meeting", "stance"]


@extend_schema_view(
    list=extend_schema(summary="立場の一覧 / List positions", tags=["register"]),
    retrieve=extend_schema(summary="立場 / One position", tags=["register"]),
)
class PositionViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet):
    """課題に対する各組織・各人の立場 / The stance of an organization or person on an issue, per meeting."""

    queryset = Position.objects.select_related("meeting").prefetch_related(
        Prefetch("statements", queryset=Statement.objects.only("id"))
    )
    serializer_class = PositionSerializer
    filterset_class = PositionFilter

    def visible(self, queryset):
        return visible_positions(self.request.user, queryset)

    def body_of(self, obj):
        return obj.issue.body

    @extend_schema(
        summary="立場の記録（事務局。同じ組織・会議なら置き換え） / Record a position (secretariat; replaces the "
        "organization's position in that meeting)",
        request=PositionInput,
        responses={201: PositionSerializer},
        tags=["register"],
    )
    def create(self, request, *args, **kwargs):
        data = _input(self, PositionInput)
        self.check_may_write(data["issue"].body)
        position = services.position_record(**data, by=self.acting_user())
        return _result(PositionSerializer, self.get_queryset().get(pk=position.pk), self, status.HTTP_201_CREATED)

    @extend_schema(
        summary="立場の変更（事務局。組織・会議はそのまま） / Change a position (secretariat; stakeholder and "
        "meeting stay)",
        request=PositionChangeInput,
        parameters=[IF_MATCH],
        responses={200: PositionSerializer},
        tags=["register"],
    )
    def partial_update(self, request, *args, **kwargs):
        with transaction.atomic():
            position = self.locked_object()
            data = _input(self, PositionChangeInput, partial=True)
            services.position_change(position=position, **data, by=self.acting_user())
        return self.written(position)


class AssignmentFilter(SyncFilterSet):
    issue = IdFilter(label="検討課題の ID / Issue id")
    body = IdFilter(field_name="issue__body", label="課題の会議体の ID / Body of the issue")
    task_group = IdFilter(label="タスクグループの ID / Task group id")
    status = django_filters.ChoiceFilter(choices=Assignment.Status.choices, label="状態 / Status")
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label="期限（以降） / Due on or after"
    )
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lt", label="期限（より前） / Due before")

    class Meta:
        model = Assignment
        fields = ["issue", "body", "task_group", "status", "due_after", "due_before"]


@extend_schema_view(
    list=extend_schema(summary="割当ての一覧 / List assignments", tags=["register"]),
    retrieve=extend_schema(summary="割当て / One assignment", tags=["register"]),
)
class AssignmentViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet):
    """課題のタスクグループへの割当てと報告期限 / Issues handed to a task group, with a due date."""

    queryset = Assignment.objects.select_related("issue")
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter

    def visible(self, queryset):
        return queryset.filter(issue__in=visible_issues(self.request.user))

    def body_of(self, obj):
        return obj.issue.body

    @extend_schema(
        summary="課題の割当て（事務局。課題は「割当て済み」に） / Assign an issue to a task group (secretariat)",
        request=AssignmentCreateInput,
        responses={201: AssignmentSerializer},
        tags=["register"],
    )
    def create(self, request, *args, **kwargs):
        data = _input(self, AssignmentCreateInput)
        self.check_may_write(data["issue"].body)
        assignment = services.assignment_create(**data, by=self.acting_user())
        return _result(AssignmentSerializer, assignment, self, status.HTTP_201_CREATED)

    @extend_schema(
        summary="報告を受けた（事務局） / The task group reported back (secretariat)",
        request=AssignmentReportInput,
        parameters=[IF_MATCH],
        responses={200: AssignmentSerializer},
        tags=["register"],
    )
    @action(detail=True, methods=["post"], url_path="report-back")
    def report_back(self, request, pk=None):
        with transaction.atomic():
            assignment = self.locked_object()
            data = _input(self, AssignmentReportInput)
            services.assignment_report_back(assignment=assignment, **data, by=self.acting_user())
        return self.written(assignment)

    @extend_schema(
        summary="割当ての取り下げ（事務局） / Withdraw an assignment (secretariat)",
        request=AssignmentWithdrawInput,
        parameters=[IF_MATCH],
        responses={200: AssignmentSerializer},
        tags=["register"],
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        with transaction.atomic():
            assignment = self.locked_object()
            data = _input(self, AssignmentWithdrawInput)
            services.assignment_withdraw(assignment=assignment, **data, by=self.acting_user())
        return self.written(assignment)
