from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from apps.api.serializers import DescribedModelSerializer
from apps.directory.models import Body
from apps.meetings.models import Meeting
from apps.reports.models import GeneratedDocument


class DocumentSerializer(DescribedModelSerializer):
    subject = serializers.IntegerField(
        source="subject_id",
        read_only=True,
        help_text="対象の ID（議事要旨は会議、経過報告は会議体） / Subject id (a meeting for minutes, a body for "
        "progress reports)",
    )
    download_url = serializers.SerializerMethodField(
        help_text="完成したら PDF の URL、それまでは null / URL of the PDF once done, null until then"
    )

    class Meta:
        model = GeneratedDocument
        fields = [
            "id",
            "kind",
            "subject",
            "status",
            "progress",
            "error",
            "download_url",
            "started_at",
            "finished_at",
            "created",
            "modified",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, obj) -> str | None:
        if obj.status != GeneratedDocument.Status.DONE:
            return None
        return reverse("api-document-file", args=[obj.pk], request=self.context.get("request"))


class DocumentRequestInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=GeneratedDocument.Kind.choices, help_text="文書の種類 / Kind of document")
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        required=False,
        help_text="議事要旨 PDF の会議 / The meeting, for a minutes PDF",
    )
    body = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(),
        required=False,
        help_text="経過報告 PDF の会議体 / The body, for a progress report PDF",
    )

    def validate(self, attrs):
        wanted = "meeting" if attrs["kind"] == GeneratedDocument.Kind.MINUTES_PDF else "body"
        if attrs.get(wanted) is None:
            raise serializers.ValidationError({wanted: self.fields[wanted].error_messages["required"]})
        attrs["subject"] = attrs.pop(wanted)
        attrs.pop("meeting" if wanted == "body" else "body", None)
        return attrs
