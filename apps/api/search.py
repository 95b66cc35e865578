"""Statement search for dashboards: a page of 50 by keyset, a count that stops at 10,000, snippets.

GET /api/v1/statement-search/?q=料金&body=3&cursor=… — without `q`, every statement in scope,
in the same order (newest meeting first, then statement order). Follow `next` for the next page.
"""

from datetime import UTC, datetime

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from apps.access.permissions import mark_public_statements, visible_bodies, visible_issues, visible_meetings
from apps.api.pagination import MAX_PAGE_SIZE
from apps.api.permissions import ReadOrSecretariatWrites
from apps.deliberation.search_plan import MAX_TERM_LENGTH, PAGE_SIZE, search_count, search_page
from apps.deliberation.search_scope import SearchScope
from apps.deliberation.snippets import snippet
from apps.directory.models import Organization, Person
from apps.meetings.api import annotated_meeting
from apps.meetings.models import Statement
from apps.meetings.naming import shown_text
from apps.meetings.serializers import StatementSerializer


@extend_schema_field(OpenApiTypes.INT)
class _Related(serializers.PrimaryKeyRelatedField):
    """An id among the records the caller may see (the queryset is narrowed per request)."""

    def __init__(self, visible, **kwargs):
        self.visible = visible
        super().__init__(required=False, **kwargs)

    def get_queryset(self):
        return self.visible(self.context["request"].user)


class StatementSearchQuery(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_TERM_LENGTH,
        help_text="語（NFKC、部分一致） / Words (NFKC, substring)",
    )
    body = _Related(visible_bodies, help_text="会議体の ID（下位の会議体を含む） / Body id (with the bodies below it)")
    include_sub_bodies = serializers.BooleanField(default=True, help_text="下位の会議体を含む / Include sub-bodies")
    meeting = _Related(visible_meetings, help_text="会議の ID / Meeting id")
    speaker = _Related(lambda user: Person.objects.all(), help_text="発言者（人物）の ID / Speaker (person) id")
    organization = _Related(lambda user: Organization.objects.all(), help_text="発言者の組織の ID / Organization id")
    issue = _Related(visible_issues, help_text="検討課題の ID（タグ付け） / Issue id (tagged)")
    date_from = serializers.DateTimeField(required=False, help_text="この日時以降の会議 / Meetings at or after")
    date_to = serializers.DateTimeField(required=False, help_text="この日時より前の会議 / Meetings before")
    page_size = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, default=PAGE_SIZE, help_text="1ページの件数 / Results per page"
    )
    cursor = serializers.CharField(required=False, max_length=200, help_text="前のページの続き / From `next`")

    def validate_date_from(self, value: datetime) -> datetime:
        try:  # PostgreSQL refuses offsets beyond ±16 hours that Python accepts
            return value.astimezone(UTC)
        except OverflowError:
            raise serializers.ValidationError(_("Date and time out of range.")) from None

    validate_date_to = validate_date_from


class StatementHitSerializer(StatementSerializer):
    snippet = serializers.SerializerMethodField(
        help_text="一致箇所の前後（HTML、<mark>で強調） / Matches in context (HTML)"
    )

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "snippet"]

    def get_snippet(self, statement: Statement) -> str:
        # The text as this reader may read it (the public version names no one it hides).
        return snippet(shown_text(statement), self.context["needle"])

    def to_representation(self, instance):
        return {**super().to_representation(instance), "snippet": self.get_snippet(instance)}


class StatementSearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        allow_null=True, help_text="件数（上限10,000、最初のページのみ） / Matches, up to 10,000 (first page only)"
    )
    count_is_lower_bound = serializers.BooleanField(allow_null=True, help_text="10,000件を超える / More than 10,000")
    next = serializers.URLField(allow_null=True, help_text="次のページ（最後なら null） / Next page (null on the last)")
    results = StatementHitSerializer(
        many=True, help_text="このページの発言（決まった順） / The statements of this page, in order"
    )


class StatementSearchView(generics.GenericAPIView):
    permission_classes = [ReadOrSecretariatWrites]
    serializer_class = StatementSearchPageSerializer
    pagination_class = None

    @extend_schema(
        summary="発言の検索（キーセット） / Search statements (by keyset)",
        tags=["meetings"],
        parameters=[StatementSearchQuery],
    )
    def get(self, request, *args, **kwargs):
        query = StatementSearchQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        scope = SearchScope(
            body=data.get("body"),
            include_sub_bodies=data["include_sub_bodies"],
            meeting=data.get("meeting"),
            speaker=data.get("speaker"),
            organization=data.get("organization"),
            issue=data.get("issue"),
            starts_from=data.get("date_from"),
            starts_before=data.get("date_to"),
            user=request.user,
        )
        statements = Statement.objects.defer("text_normalized").annotate(
            meeting_ref=F("agenda_item__meeting_id"),
            meeting_naming=F("agenda_item__meeting__public_speaker_naming"),
            meeting_body=F("agenda_item__meeting__body_id"),
        )
        term = data.get("q", "")
        after, size = data.get("cursor"), data["page_size"]
        page = search_page(term=term, scope=scope, after=after, size=size, statements=statements)
        mark_public_statements(request.user, page.statements, meeting_of=annotated_meeting)
        # Counted on the first page only: the pages after it do not change it.
        count = None if after else search_count(term=term, scope=scope)
        url = request.build_absolute_uri()
        body = {
            "count": count and count.value,
            "count_is_lower_bound": count and count.at_least,
            "next": replace_query_param(url, "cursor", page.next_cursor) if page.next_cursor else None,
            "results": StatementHitSerializer(page.statements, many=True, context={"needle": page.needle}).data,
        }
        return Response(body)
