from rest_framework import serializers

from apps.api.serializers import DescribedModelSerializer
from apps.directory.models import Body, Membership, Organization, Person


class OrganizationSerializer(DescribedModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind", "parent", "created", "modified"]


class PersonSerializer(DescribedModelSerializer):
    full_name = serializers.CharField(read_only=True, help_text="氏名 / Full name")

    class Meta:
        model = Person
        fields = [
            "id",
            "family_name",
            "given_name",
            "full_name",
            "name_kana",
            "title",
            "organization",
            "created",
            "modified",
        ]


class BodySerializer(DescribedModelSerializer):
    children: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="直下の会議体 / Bodies directly below this one"
    )

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "parent",
            "children",
            "host",
            "established_on",
            "dissolved_on",
            "mandate",
            "created",
            "modified",
        ]


class MembershipSerializer(DescribedModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "person", "body", "role", "on_behalf_of", "start", "end", "created", "modified"]
