from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.aggregates import assignment_is_overdue
from apps.api.serializers import CleanSavingSerializer, DescribedModelSerializer
from apps.core.permissions import visible_bodies, visible_issues, visible_meetings
from apps.deliberation.models import Assignment, Issue, IssueStatement, Position
from apps.meetings.models import Statement


class VisibleChoicesMixin:
    """Related records can only be named if the caller may see them: others are 'not found'."""

    def restrict(self, fields, name: str, queryset) -> None:
        field = fields[name]
        field = getattr(field, "child_relation", field)
        field.queryset = queryset

    def actor(self):
        request = self.context.get("request")
        return getattr(request, "user", None)


class EmbeddedAssignmentSerializer(DescribedModelSerializer):
    class Meta:
        model = Assignment
        fields = ["id", "task_group", "assigned_in", "due_on", "report_back", "status"]


class IssueSerializer(VisibleChoicesMixin, CleanSavingSerializer):
    assignments = EmbeddedAssignmentSerializer(
        many=True, read_only=True, help_text="タスクグループへの割当て / Assignments to task groups"
    )

    class Meta:
        model = Issue
        fields = [
            "id",
            "body",
            "code",
            "title",
            "description",
            "status",
            "priority",
            "raised_in",
            "resolved_in",
            "assignments",
            "created",
            "modified",
        ]

    def get_fields(self):
        fields = super().get_fields()
        actor = self.actor()
        if actor is not None:
            self.restrict(fields, "body", visible_bodies(actor))
            self.restrict(fields, "raised_in", visible_meetings(actor))
            self.restrict(fields, "resolved_in", visible_meetings(actor))
        return fields


class TaggingSerializer(VisibleChoicesMixin, CleanSavingSerializer):
    class Meta:
        model = IssueStatement
        fields = ["id", "issue", "statement", "tagged_by", "created", "modified"]
        read_only_fields = ["tagged_by"]

    def get_fields(self):
        fields = super().get_fields()
        actor = self.actor()
        if actor is not None:
            self.restrict(fields, "issue", visible_issues(actor))
            self.restrict(
                fields, "statement", Statement.objects.filter(agenda_item__meeting__in=visible_meetings(actor))
            )
        return fields


class PositionSerializer(VisibleChoicesMixin, CleanSavingSerializer):
    class Meta:
        model = Position
        fields = [
            "id",
            "issue",
            "organization",
            "person",
            "meeting",
            "stance",
            "summary",
            "statements",
            "created",
            "modified",
        ]

    def get_fields(self):
        fields = super().get_fields()
        actor = self.actor()
        if actor is not None:
            self.restrict(fields, "issue", visible_issues(actor))
            self.restrict(fields, "meeting", visible_meetings(actor))
            self.restrict(
                fields, "statements", Statement.objects.filter(agenda_item__meeting__in=visible_meetings(actor))
            )
        return fields


class AssignmentSerializer(VisibleChoicesMixin, CleanSavingSerializer):
    overdue = serializers.SerializerMethodField(
        help_text="期限を過ぎて未報告 / Active and past its due date (Asia/Tokyo)"
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "issue",
            "task_group",
            "assigned_in",
            "due_on",
            "report_back",
            "status",
            "overdue",
            "created",
            "modified",
        ]

    def get_fields(self):
        fields = super().get_fields()
        actor = self.actor()
        if actor is not None:
            self.restrict(fields, "issue", visible_issues(actor))
            self.restrict(fields, "task_group", visible_bodies(actor))
            self.restrict(fields, "assigned_in", visible_meetings(actor))
            self.restrict(fields, "report_back", visible_meetings(actor))
        return fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, obj) -> bool:
        return assignment_is_overdue(obj)
