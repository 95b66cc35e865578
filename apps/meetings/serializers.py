from rest_framework import serializers

from apps.api.serializers import DescribedModelSerializer
from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement


class MeetingSerializer(DescribedModelSerializer):
    minutes_status = serializers.CharField(
        source="minutes.status",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="議事要旨の状態（なければ null） / State of the minutes (null when there are none)",
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "number",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "mode",
            "status",
            "minutes_status",
            "created",
            "modified",
        ]


class AttendanceSerializer(DescribedModelSerializer):
    name_as_printed = serializers.CharField(
        read_only=True,
        help_text="議事要旨に記載された出席者名（公表時に固定） / The attendee as printed (fixed on publication)",
    )

    class Meta:
        model = Attendance
        fields = [
            "id",
            "order",
            "category",
            "group_label",
            "person",
            "organization",
            "name_as_printed",
            "role_label",
            "presence",
        ]


class MaterialSerializer(DescribedModelSerializer):
    file = serializers.SerializerMethodField(
        help_text="ファイル（閲覧権限を確認して配信） / The file, served after checking who may read it"
    )

    class Meta:
        model = Material
        fields = ["id", "meeting", "label", "sort_key", "title", "submitter", "file", "sha256", "created", "modified"]
        extra_kwargs = {"sha256": {"help_text": "ファイルの SHA-256 / SHA-256 of the file"}}

    def get_file(self, material: Material) -> str | None:
        url = material.get_file_url()
        request = self.context.get("request")
        return (request.build_absolute_uri(url) if request else url) if url else None


class EmbeddedMaterialSerializer(DescribedModelSerializer):
    class Meta:
        model = Material
        fields = ["id", "label", "title"]


class DecisionSerializer(DescribedModelSerializer):
    meeting = serializers.IntegerField(
        source="agenda_item.meeting_id", read_only=True, help_text="会議の ID / Meeting id"
    )

    class Meta:
        model = Decision
        fields = ["id", "meeting", "agenda_item", "kind", "text", "created", "modified"]


class EmbeddedDecisionSerializer(DescribedModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "kind", "text"]


class AgendaItemSerializer(DescribedModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "order", "number_label", "title", "proceedings", "materials", "created", "modified"]


class EmbeddedAgendaItemSerializer(DescribedModelSerializer):
    materials = EmbeddedMaterialSerializer(many=True, read_only=True, help_text="配付資料 / Materials")
    decisions = EmbeddedDecisionSerializer(many=True, read_only=True, help_text="決定事項 / Decisions")

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "number_label", "title", "proceedings", "materials", "decisions"]


class MeetingDetailSerializer(MeetingSerializer):
    attendances = AttendanceSerializer(many=True, read_only=True, help_text="出席者 / Attendance")
    agenda_items = EmbeddedAgendaItemSerializer(many=True, read_only=True, help_text="議事 / Agenda")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "attendances", "agenda_items"]

    def to_representation(self, instance):
        """In the public version (`public_names`, set by the view) attendees are no one's person."""
        data = super().to_representation(instance)
        names = getattr(instance, "public_names", None)
        if names is not None:
            rows = {row.pk: row for row in instance.attendances.all()}
            for attendance in data["attendances"]:
                attendance["person"] = None
                public_name = names.attendee(rows[attendance["id"]])
                if public_name is not None:
                    attendance["name_as_printed"] = public_name
            for item in data["agenda_items"]:
                item["proceedings"] = names.text(item["proceedings"])
        return data


class StatementSerializer(DescribedModelSerializer):
    meeting = serializers.IntegerField(source="meeting_ref", read_only=True, help_text="会議の ID / Meeting id")

    class Meta:
        model = Statement
        fields = [
            "id",
            "meeting",
            "agenda_item",
            "order",
            "speaker",
            "speaker_organization",
            "speaker_label",
            "kind",
            "text",
            "reply_to",
            "version",
            "created",
            "modified",
        ]

    def to_representation(self, instance):
        """The API's hottest list (dashboards page through tens of thousands of statements): the
        same output as the declared fields (a test holds them equal), built without DRF's
        per-field machinery."""
        if not hasattr(instance, "meeting_ref"):
            return _public(instance, super().to_representation(instance))
        fields = self.fields
        return _public(
            instance,
            {
                "id": instance.pk,
                "meeting": instance.meeting_ref,
                "agenda_item": instance.agenda_item_id,
                "order": instance.order,
                "speaker": instance.speaker_id,
                "speaker_organization": instance.speaker_organization_id,
                "speaker_label": instance.speaker_label,
                "kind": instance.kind,
                "text": instance.text,
                "reply_to": instance.reply_to_id,
                "version": instance.version,
                "created": fields["created"].to_representation(instance.created),
                "modified": fields["modified"].to_representation(instance.modified),
            },
        )


def _public(statement: Statement, data: dict) -> dict:
    """A statement of an anonymised meeting as its reader may see it (`public_names`, set by the view)."""
    names = getattr(statement, "public_names", None)
    if names is not None:
        data.update(speaker=None, speaker_label=names.speaker(statement), text=names.text(statement.text))
    return data
