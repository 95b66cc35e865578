"""The calendar of a body's meetings, and tables as JSON, .xlsx or .csv for the portal's
download links and for API clients alike:
`?format=xlsx|csv|json` or the Accept header. Visitors may read them too: the selectors show
each caller only what they may read, and the public version of anonymised meetings.

- /api/v1/exports/statements/?meeting=ID, or ?q=TERM[&body=ID] (a search)
- /api/v1/exports/issues/?body=ID (the issue register)
- /api/v1/exports/matrix/?body=ID (the stakeholder matrix)
- /api/v1/exports/attendance/?meeting=ID
"""

import json
from dataclasses import asdict
from urllib.parse import quote

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.access.permissions import public_names_for, sees_speaker_names, visible_bodies, visible_meetings
from apps.api.authentication import DashboardTokenAuthentication
from apps.deliberation.search import statement_search
from apps.deliberation.selectors import issue_register, stakeholder_matrix
from apps.directory.models import Body
from apps.meetings.models import Attendance, Meeting, Statement
from apps.meetings.naming import SpeakerNames

from .calendar import MAX_EVENTS, meetings_calendar
from .tables import MAX_ROWS, Table, attendance_table, issues_table, matrix_table, statements_table, to_csv, to_xlsx

AS_PRINTED = SpeakerNames(naming=Meeting.SpeakerNaming.AS_PRINTED)


class _TableRenderer(BaseRenderer):
    write = staticmethod(to_csv)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "columns" in data:
            return self.write(Table(**data))
        # An error in the API's shape, as a table of one cell that says it.
        return self.write(Table(name="error", columns=["error"], rows=[[json.dumps(data, ensure_ascii=False)]]))


class CSVRenderer(_TableRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"  # with a BOM: Excel then reads the Japanese


class XLSXRenderer(_TableRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    write = staticmethod(to_xlsx)


class TableParams(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=1)
    body = serializers.IntegerField(required=False, min_value=1)
    q = serializers.CharField(required=False, max_length=100)


@extend_schema(exclude=True)  # files, listed in the README; the JSON resources are in the schema
class TableView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, XLSXRenderer, CSVRenderer]

    def table(self, params: dict) -> Table:
        raise NotImplementedError

    def get(self, request):
        params = TableParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            table = self.table(params.validated_data)
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from error
        return Response(asdict(table))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        file_format = getattr(getattr(response, "accepted_renderer", None), "format", "json")
        if file_format in {"csv", "xlsx"} and response.status_code == 200:
            filename = quote(f"{response.data['name']}.{file_format}")
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
        return response

    def meeting(self, params: dict) -> Meeting:
        if "meeting" not in params:
            raise ValidationError({"meeting": ["必須です / Required."]})
        queryset = Meeting.objects.select_related("body").prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("person", "organization"))
        )
        meeting = visible_meetings(self.request.user, queryset).filter(pk=params["meeting"]).first()
        if meeting is None:
            raise NotFound()
        return meeting

    def body(self, params: dict) -> Body:
        if "body" not in params:
            raise ValidationError({"body": ["必須です / Required."]})
        body = visible_bodies(self.request.user).filter(pk=params["body"]).first()
        if body is None:
            raise NotFound()
        return body


class StatementsTableView(TableView):
    def table(self, params: dict) -> Table:
        if "q" in params:
            found = statement_search(
                term=params["q"], body=self.body(params) if "body" in params else None, user=self.request.user
            )
            statements = list(found[: MAX_ROWS + 1])  # one more: going over the limit is refused
            meetings = {s.agenda_item.meeting_id: s.agenda_item.meeting for s in statements}
            names = public_names_for(self.request.user, list(meetings.values()))
            return statements_table(
                statements, lambda s: names.get(s.agenda_item.meeting_id, AS_PRINTED), name="発言検索"
            )
        meeting = self.meeting(params)
        of_meeting = (
            Statement.objects.filter(agenda_item__meeting=meeting)
            .select_related("agenda_item__meeting__body", "speaker", "speaker_organization")
            .order_by("agenda_item__order", "order", "id")
        )
        rows = list(of_meeting[: MAX_ROWS + 1])
        public = not sees_speaker_names(self.request.user, meeting)
        meeting_names = SpeakerNames.for_meeting(meeting, public=public, statements=rows)
        return statements_table(rows, lambda _s: meeting_names, name=f"発言_{meeting.pk}")


class IssuesTableView(TableView):
    def table(self, params: dict) -> Table:
        body = self.body(params)
        return issues_table(issue_register(body=body, user=self.request.user), name=f"検討課題_{body.pk}")


class MatrixTableView(TableView):
    def table(self, params: dict) -> Table:
        body = self.body(params)
        return matrix_table(stakeholder_matrix(body=body, user=self.request.user), name=f"利害関係者_{body.pk}")


class AttendanceTableView(TableView):
    def table(self, params: dict) -> Table:
        meeting = self.meeting(params)
        names = SpeakerNames.for_meeting(meeting, public=not sees_speaker_names(self.request.user, meeting))
        return attendance_table(meeting, names, name=f"出席者_{meeting.pk}")


class QueryTokenAuthentication(DashboardTokenAuthentication):
    """The dashboard token as `?token=shg_…`: calendar clients subscribe to a URL and send no headers.

    The same token, checked the same way as in the Authorization header: scoped to its bodies,
    reading their unpublished meetings only if it may read unpublished records."""

    def authenticate(self, request):
        raw = request.query_params.get("token")
        if not raw:
            return None
        return self.authenticate_key(request, raw)


class ICalendarRenderer(BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()  # an error, in the API's shape


@extend_schema(exclude=True)
class BodyCalendarView(APIView):
    """/bodies/<id>/meetings.ics: the meetings of a body and its sub-bodies the caller may read."""

    authentication_classes = [QueryTokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    renderer_classes = [ICalendarRenderer]

    def get(self, request, pk: int):
        body = visible_bodies(request.user).filter(pk=pk).first()
        if body is None:
            raise NotFound()
        meetings = visible_meetings(request.user, Meeting.objects.filter(body_id__in=body.descendant_ids()))
        meetings = meetings.select_related("body").order_by("-starts_at", "-id")[:MAX_EVENTS]
        ics = meetings_calendar(
            body, meetings, url_of=lambda m: request.build_absolute_uri(reverse("portal:meeting", args=[m.pk]))
        )
        response = Response(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="body-{body.pk}-meetings.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response
