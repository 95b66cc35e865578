"""API resources of the directory: organizations, people, bodies (a tree), memberships."""

import django_filters
from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view

from apps.access.permissions import scope_body_ids, visible_bodies
from apps.api.filters import IdFilter, SyncFilterSet
from apps.api.viewsets import ReadOnlyApiViewSet
from apps.core.text import normalize
from apps.directory.models import Body, Membership, Organization, Person
from apps.directory.serializers import BodySerializer, MembershipSerializer, OrganizationSerializer, PersonSerializer


class OrganizationFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label="種別 / Kind")
    parent = IdFilter(label="上位組織の ID / Parent organization id")
    q = django_filters.CharFilter(method="search", label="名称の検索（NFKC） / Search in names (NFKC)")

    class Meta:
        model = Organization
        fields = ["kind", "parent"]

    def search(self, queryset, name, value):
        return queryset.filter(name_normalized__icontains=normalize(value))


@extend_schema_view(
    list=extend_schema(summary="組織の一覧 / List organizations", tags=["directory"]),
    retrieve=extend_schema(summary="組織 / One organization", tags=["directory"]),
)
class OrganizationViewSet(ReadOnlyApiViewSet):
    """省庁・事業者・団体など / Ministries, operators, associations and other organizations."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter

    def visible(self, queryset):
        return queryset


class PersonFilter(SyncFilterSet):
    organization = IdFilter(label="所属組織の ID / Current organization id")
    body = IdFilter(field_name="memberships__body", distinct=True, label="会議体の ID（構成員） / Body id (members of)")
    q = django_filters.CharFilter(method="search", label="氏名の検索 / Search in names")

    class Meta:
        model = Person
        fields = ["organization", "body"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(family_name__icontains=value) | Q(given_name__icontains=value) | Q(name_kana__icontains=value)
        )


@extend_schema_view(
    list=extend_schema(summary="人物の一覧 / List people", tags=["directory"]),
    retrieve=extend_schema(summary="人物 / One person", tags=["directory"]),
)
class PersonViewSet(ReadOnlyApiViewSet):
    """構成員・説明者など / Members, speakers and other people."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def visible(self, queryset):
        return queryset


class BodyFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Body.Kind.choices, label="種別 / Kind")
    parent = IdFilter(label="上位会議体の ID / Parent body id")
    root = django_filters.BooleanFilter(
        field_name="parent", lookup_expr="isnull", label="最上位のみ / Only bodies without a parent"
    )

    class Meta:
        model = Body
        fields = ["kind", "parent", "root"]


@extend_schema_view(
    list=extend_schema(summary="会議体の一覧（木構造） / List bodies (a tree)", tags=["directory"]),
    retrieve=extend_schema(summary="会議体 / One body", tags=["directory"]),
)
class BodyViewSet(ReadOnlyApiViewSet):
    """検討会・作業班・タスクグループの木 / The tree of study groups, working parties and task groups:
    each body names its parent and its children."""

    queryset = Body.objects.all()
    serializer_class = BodySerializer
    filterset_class = BodyFilter

    def visible(self, queryset):
        children = Body.objects.only("id", "parent_id").order_by("name", "id")
        scope = scope_body_ids(self.request.user)
        if scope is not None:
            children = children.filter(pk__in=scope)
        return visible_bodies(self.request.user, queryset).prefetch_related(Prefetch("children", queryset=children))


class MembershipFilter(SyncFilterSet):
    body = IdFilter(label="会議体の ID / Body id")
    person = IdFilter(label="人物の ID / Person id")
    organization = IdFilter(field_name="on_behalf_of", label="所属組織の ID / Organization id")
    role = django_filters.ChoiceFilter(choices=Membership.Role.choices, label="役割 / Role")
    current = django_filters.BooleanFilter(
        field_name="end", lookup_expr="isnull", label="現任のみ / Only current memberships"
    )

    class Meta:
        model = Membership
        fields = ["body", "person", "organization", "role", "current"]


@extend_schema_view(
    list=extend_schema(summary="構成員の一覧 / List memberships", tags=["directory"]),
    retrieve=extend_schema(summary="構成員 / One membership", tags=["directory"]),
)
class MembershipViewSet(ReadOnlyApiViewSet):
    """会議体における役割 / Who holds which role in which body."""

    queryset = Membership.objects.all()
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter

    def visible(self, queryset):
        scope = scope_body_ids(self.request.user)
        return queryset if scope is None else queryset.filter(body_id__in=scope)
