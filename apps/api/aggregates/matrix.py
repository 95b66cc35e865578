"""The stakeholder matrix of a body: issues × organizations, each cell the latest stance."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from apps.access.permissions import visible_bodies
from apps.api.permissions import ReadOrSecretariatWrites
from apps.deliberation.models import IssueStatus, Position
from apps.deliberation.selectors import stakeholder_matrix
from apps.directory.models import Body, Organization
from apps.meetings.models import Meeting

from .base import TAG


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
