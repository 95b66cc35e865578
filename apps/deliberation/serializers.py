"""Issue register in the API: read representations, and the inputs of the register's services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.access.permissions import visible_bodies, visible_issues, visible_meetings
from apps.api.serializers import DescribedModelSerializer
from apps.deliberation.models import Assignment, Issue, IssueStatement, IssueStatus, Position
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting, Statement

# ---------------------------------------------------------------------------- read


class EmbeddedAssignmentSerializer(DescribedModelSerializer):
    class Meta:
        model = Assignment
        fields = ["id", "task_group", "assigned_in", "due_on", "report_back", "status"]


class IssueSerializer(DescribedModelSerializer):
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
        read_only_fields = fields


class TaggingSerializer(DescribedModelSerializer):
    class Meta:
        model = IssueStatement
        fields = ["id", "issue", "statement", "tagged_by", "created", "modified"]
        read_only_fields = fields


class PositionSerializer(DescribedModelSerializer):
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
        read_only_fields = fields


class AssignmentSerializer(DescribedModelSerializer):
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
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, obj) -> bool:
        return obj.is_overdue()


# ---------------------------------------------------------------------------- write


def _pk(queryset, help_text: str, **kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=queryset, help_text=help_text, **kwargs)


class ServiceInput(serializers.Serializer):
    """Inputs of a register service. Related records can only be named if the caller may see
    them: any other id is 'not found', exactly like a missing one."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        actor = getattr(request, "user", None)
        if actor is not None:
            for field in fields.values():
                relation = getattr(field, "child_relation", field)
                if isinstance(relation, serializers.PrimaryKeyRelatedField):
                    queryset = relation.get_queryset()
                    if queryset is not None:
                        # The stubs declare the attribute as a Manager descriptor; it holds a QuerySet.
                        relation.queryset = self.visible(queryset.model, actor)  # type: ignore[arg-type]
        return fields

    @staticmethod
    def visible(model, actor):
        if model is Body:
            return visible_bodies(actor)
        if model is Meeting:
            return visible_meetings(actor)
        if model is Issue:
            return visible_issues(actor)
        if model is Statement:
            return Statement.objects.filter(agenda_item__meeting__in=visible_meetings(actor)).select_related(
                "agenda_item"
            )
        return model.objects.all()


def _meeting(help_text: str, **kwargs):
    return _pk(Meeting.objects.all(), help_text, **kwargs)


class IssueCreateInput(ServiceInput):
    body = _pk(Body.objects.all(), "会議体の ID / Body id")
    title = serializers.CharField(max_length=300, help_text="件名 / Title")
    description = serializers.CharField(required=False, default="", allow_blank=True, help_text="説明 / Description")
    priority = serializers.ChoiceField(
        choices=Issue.Priority.choices, default=Issue.Priority.NORMAL, help_text="優先度 / Priority"
    )
    raised_in = _meeting("提起された会議の ID / Meeting that raised it", required=False, allow_null=True, default=None)


class IssueUpdateInput(ServiceInput):
    title = serializers.CharField(max_length=300, required=False, help_text="件名 / Title")
    description = serializers.CharField(required=False, allow_blank=True, help_text="説明 / Description")
    priority = serializers.ChoiceField(choices=Issue.Priority.choices, required=False, help_text="優先度 / Priority")


class IssueStatusInput(ServiceInput):
    status = serializers.ChoiceField(choices=IssueStatus.choices, help_text="新しい状態 / New status")
    reason = serializers.CharField(help_text="理由（経過メモに残る） / Why (kept as a progress note)")
    meeting = _meeting("変更を決めた会議の ID / Meeting that decided it", required=False, allow_null=True, default=None)


class TaggingInput(ServiceInput):
    issue = _pk(Issue.objects.all(), "検討課題の ID / Issue id")
    statement = _pk(Statement.objects.all(), "発言の ID / Statement id")


class PositionInput(ServiceInput):
    issue = _pk(Issue.objects.all(), "検討課題の ID / Issue id")
    meeting = _meeting("会議の ID / Meeting id")
    stance = serializers.ChoiceField(choices=Position.Stance.choices, help_text="立場 / Stance")
    organization = _pk(
        Organization.objects.all(), "組織の ID / Organization id", required=False, allow_null=True, default=None
    )
    person = _pk(Person.objects.all(), "人物の ID / Person id", required=False, allow_null=True, default=None)
    summary = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, help_text="要旨 / Summary"
    )
    statements = _pk(
        Statement.objects.all(), "根拠となる発言の ID / Supporting statements", many=True, required=False, default=list
    )


class PositionChangeInput(ServiceInput):
    stance = serializers.ChoiceField(choices=Position.Stance.choices, required=False, help_text="立場 / Stance")
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True, help_text="要旨 / Summary")
    statements = _pk(
        Statement.objects.all(),
        "根拠となる発言の ID（置き換え） / Supporting statements (replaced)",
        many=True,
        required=False,
    )


class AssignmentCreateInput(ServiceInput):
    issue = _pk(Issue.objects.all(), "検討課題の ID / Issue id")
    task_group = _pk(Body.objects.all(), "タスクグループの ID / Task group id")
    assigned_in = _meeting("割り当てた会議の ID / Assigning meeting", required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="報告期限 / Due on")
    report_back = _meeting("報告する会議の ID / Report-back meeting", required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, default="", allow_blank=True, help_text="理由 / Why")


class AssignmentReportInput(ServiceInput):
    meeting = _meeting("報告した会議の ID / Meeting where the task group reported")
    text = serializers.CharField(required=False, default="", allow_blank=True, help_text="報告の要旨 / Summary")


class AssignmentWithdrawInput(ServiceInput):
    reason = serializers.CharField(help_text="取り下げの理由 / Why the assignment is withdrawn")
    meeting = _meeting("会議の ID / Meeting id", required=False, allow_null=True, default=None)
