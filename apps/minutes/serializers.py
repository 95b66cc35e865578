from apps.api.serializers import DescribedModelSerializer
from apps.minutes.models import Minutes


class MinutesSerializer(DescribedModelSerializer):
    """The state of a meeting's minutes; their content is the meeting's record."""

    class Meta:
        model = Minutes
        fields = [
            "id",
            "meeting",
            "status",
            "version",
            "review_due_on",
            "approved_at",
            "approved_in",
            "published_at",
            "created",
            "modified",
        ]
