"""API resources of the meeting record: meetings, agenda items, materials, statements, decisions.

The record is read-only here: it is entered through the importer and the admin, and once the
minutes are published it never changes in place.
"""

from typing import Any

import django_filters
from django.db.models import F, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from apps.access.permissions import (
    attributable_statements,
    mark_public_statements,
    public_names_for,
    visible_meetings,
)
from apps.api.filters import IdFilter, IsoDateTimeFilter, SyncFilterSet
from apps.api.viewsets import ReadOnlyApiViewSet
from apps.deliberation.search_plan import statements_containing
from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement
from apps.meetings.serializers import (
    AgendaItemSerializer,
    DecisionSerializer,
    MaterialSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    StatementSerializer,
)
from apps.minutes.models import Minutes


class MeetingFilter(SyncFilterSet):
    body = IdFilter(label="会議体の ID / Body id")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices, label="開催状況 / Status")
    mode = django_filters.ChoiceFilter(choices=Meeting.Mode.choices, label="開催形式 / Mode")
    minutes_status = django_filters.ChoiceFilter(
        field_name="minutes__status", choices=Minutes.Status.choices, label="議事要旨の状態 / State of the minutes"
    )
    starts_after = IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="gte", label="この日時以降に開催 / Starting at or after (ISO 8601)"
    )
    starts_before = IsoDateTimeFilter(
        field_name="starts_at", lookup_expr="lt", label="この日時より前に開催 / Starting before (ISO 8601)"
    )
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="名称の検索 / Search in titles")

    class Meta:
        model = Meeting
        fields = ["body", "status", "mode", "minutes_status", "starts_after", "starts_before"]


@extend_schema_view(
    list=extend_schema(summary="会議の一覧 / List meetings", tags=["meetings"]),
    retrieve=extend_schema(
        summary="会議（出席者と議事を含む） / One meeting, with its attendance and agenda", tags=["meetings"]
    ),
)
class MeetingViewSet(ReadOnlyApiViewSet):
    """会議（第N回） / Meetings of a body. Unpublished records are visible to the body's participants only."""

    queryset = Meeting.objects.select_related("minutes")
    filterset_class = MeetingFilter

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_object(self):
        meeting = super().get_object()
        meeting.public_names = public_names_for(self.request.user, [meeting]).get(meeting.pk)
        return meeting

    def visible(self, queryset):
        queryset = visible_meetings(self.request.user, queryset)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "attendances",
                    queryset=Attendance.objects.select_related("person", "organization").order_by("order", "id"),
                ),
                Prefetch(
                    "agenda_items",
                    queryset=AgendaItem.objects.order_by("order", "id").prefetch_related(
                        Prefetch("materials", queryset=Material.objects.order_by("sort_key", "id")),
                        Prefetch("decisions", queryset=Decision.objects.order_by("id")),
                    ),
                ),
            )
        return queryset

    def body_of(self, obj):
        return obj.body


class MeetingRecordFilter(SyncFilterSet):
    """Filters shared by the parts of a meeting's record."""

    body = IdFilter(field_name="meeting__body", label="会議体の ID / Body id")
    meeting = IdFilter(label="会議の ID / Meeting id")
    date_from = IsoDateTimeFilter(
        field_name="meeting__starts_at", lookup_expr="gte", label="この日時以降の会議 / Meetings at or after (ISO 8601)"
    )
    date_to = IsoDateTimeFilter(
        field_name="meeting__starts_at", lookup_expr="lt", label="この日時より前の会議 / Meetings before (ISO 8601)"
    )


class AgendaItemFilter(MeetingRecordFilter):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="議題の検索 / Search in titles")

    class Meta:
        model = AgendaItem
        fields = ["body", "meeting"]


@extend_schema_view(
    list=extend_schema(summary="議事の一覧 / List agenda items", tags=["meetings"]),
    retrieve=extend_schema(summary="議事 / One agenda item", tags=["meetings"]),
)
class AgendaItemViewSet(ReadOnlyApiViewSet):
    """議事（議題と議事の経過） / Agenda items: titles, proceedings and the materials they use."""

    queryset = AgendaItem.objects.prefetch_related(Prefetch("materials", queryset=Material.objects.only("id")))
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter

    def visible(self, queryset):
        return queryset.filter(meeting__in=visible_meetings(self.request.user))

    def body_of(self, obj):
        return obj.meeting.body


class MaterialFilter(MeetingRecordFilter):
    submitter = IdFilter(label="提出組織の ID / Submitting organization id")
    organization = IdFilter(field_name="submitter", label="提出組織の ID / Organization id")
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="資料名の検索 / Search in titles")

    class Meta:
        model = Material
        fields = ["body", "meeting", "submitter", "organization"]


@extend_schema_view(
    list=extend_schema(summary="配付資料の一覧 / List materials", tags=["meetings"]),
    retrieve=extend_schema(summary="配付資料 / One material", tags=["meetings"]),
)
class MaterialViewSet(ReadOnlyApiViewSet):
    """配付資料（資料6-1 …） / Numbered materials handed out at a meeting."""

    queryset = Material.objects.all()
    serializer_class = MaterialSerializer
    filterset_class = MaterialFilter

    def visible(self, queryset):
        return queryset.filter(meeting__in=visible_meetings(self.request.user))

    def body_of(self, obj):
        return obj.meeting.body


class AgendaRecordFilter(SyncFilterSet):
    """Filters shared by the records hanging off an agenda item."""

    body = IdFilter(field_name="agenda_item__meeting__body", label="会議体の ID / Body id")
    meeting = IdFilter(field_name="agenda_item__meeting", label="会議の ID / Meeting id")
    agenda_item = IdFilter(label="議事の ID / Agenda item id")
    date_from = IsoDateTimeFilter(
        field_name="agenda_item__meeting__starts_at",
        lookup_expr="gte",
        label="この日時以降の会議 / Meetings at or after (ISO 8601)",
    )
    date_to = IsoDateTimeFilter(
        field_name="agenda_item__meeting__starts_at",
        lookup_expr="lt",
        label="この日時より前の会議 / Meetings before (ISO 8601)",
    )


def annotated_meeting(statement: Any) -> Meeting:
    """The meeting of a listed statement, from the list's annotations (no query): meeting_ref,
    meeting_naming and meeting_body."""
    return Meeting(
        pk=statement.meeting_ref, public_speaker_naming=statement.meeting_naming, body_id=statement.meeting_body
    )


class StatementFilter(AgendaRecordFilter):
    speaker = IdFilter(method="by_speaker", label="発言者（人物）の ID / Speaker (person) id")
    organization = IdFilter(field_name="speaker_organization", label="発言者の組織の ID / Speaker organization id")
    issue = IdFilter(field_name="taggings__issue", distinct=True, label="検討課題の ID（タグ付け） / Issue id (tagged)")
    kind = django_filters.ChoiceFilter(choices=Statement.Kind.choices, label="発言の種類 / Kind")
    q = django_filters.CharFilter(method="search", label="本文の検索（NFKC） / Search in the text (NFKC)")

    class Meta:
        model = Statement
        fields = ["body", "meeting", "agenda_item", "speaker", "organization", "issue", "kind"]

    def search(self, queryset, name, value):
        return statements_containing(queryset, value)

    def by_speaker(self, queryset, name, value):
        """A person's statements, but not in meetings whose public version hides who spoke."""
        return attributable_statements(self.request.user, queryset.filter(speaker=value))


@extend_schema_view(
    list=extend_schema(summary="発言の一覧 / List statements", tags=["meetings"]),
    retrieve=extend_schema(summary="発言 / One statement", tags=["meetings"]),
)
class StatementViewSet(ReadOnlyApiViewSet):
    """発言（誰が何を述べたか） / Statements: who said what, in order, under which agenda item."""

    # The meeting comes as a column, and the search column stays in the database: lists of
    # long statements then cost about what a plain .values() does.
    queryset = Statement.objects.defer("text_normalized").annotate(
        meeting_ref=F("agenda_item__meeting_id"),
        meeting_naming=F("agenda_item__meeting__public_speaker_naming"),
        meeting_body=F("agenda_item__meeting__body_id"),
    )
    serializer_class = StatementSerializer
    filterset_class = StatementFilter

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        mark_public_statements(self.request.user, page or [], meeting_of=annotated_meeting)
        return page

    def get_object(self):
        statement = super().get_object()
        mark_public_statements(self.request.user, [statement], meeting_of=annotated_meeting)
        return statement

    def visible(self, queryset):
        return queryset.filter(agenda_item__meeting__in=visible_meetings(self.request.user))

    def body_of(self, obj):
        return obj.agenda_item.meeting.body


class DecisionFilter(AgendaRecordFilter):
    kind = django_filters.ChoiceFilter(choices=Decision.Kind.choices, label="決定の種類 / Kind")
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label="本文の検索 / Search in the text")

    class Meta:
        model = Decision
        fields = ["body", "meeting", "agenda_item", "kind"]


@extend_schema_view(
    list=extend_schema(summary="決定事項の一覧 / List decisions", tags=["meetings"]),
    retrieve=extend_schema(summary="決定事項 / One decision", tags=["meetings"]),
)
class DecisionViewSet(ReadOnlyApiViewSet):
    """決定事項（了承・承認・設置など） / Decisions taken under an agenda item."""

    queryset = Decision.objects.select_related("agenda_item")
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def visible(self, queryset):
        return queryset.filter(agenda_item__meeting__in=visible_meetings(self.request.user))

    def body_of(self, obj):
        return obj.agenda_item.meeting.body
