"""Where a search looks and where its next page starts: the scope (filters) and the keyset cursor."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from apps.access.permissions import AnyUser, attributable_meetings, visible_meetings
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting, Statement

from . import search_sql
from .models import Issue, IssueStatement


@dataclass(frozen=True)
class SearchScope:
    """Which statements a search or a list covers, before the term."""

    body: Body | None = None
    include_sub_bodies: bool = True
    meeting: Meeting | None = None
    speaker: Person | None = None
    organization: Organization | None = None
    issue: Issue | None = None
    starts_from: datetime | None = None  # meetings starting at or after
    starts_before: datetime | None = None  # meetings starting before
    user: AnyUser | None = None  # only meetings whose record the user may read

    @cached_property
    def _readable_meetings(self) -> QuerySet[Meeting]:
        """Asked once per scope: which bodies' drafts the user may read is a query of its own."""
        return Meeting.objects.all() if self.user is None else visible_meetings(self.user)

    def meetings(self) -> QuerySet[Meeting]:
        meetings = self._readable_meetings
        if self.body is not None:
            if self.include_sub_bodies:
                meetings = meetings.filter(body_id__in=self.body.descendant_ids_subquery())
            else:
                meetings = meetings.filter(body_id=self.body.pk)
        if self.meeting is not None:
            meetings = meetings.filter(pk=self.meeting.pk)
        if self.starts_from is not None:
            meetings = meetings.filter(starts_at__gte=self.starts_from)
        if self.starts_before is not None:
            meetings = meetings.filter(starts_at__lt=self.starts_before)
        if self.speaker is not None and self.user is not None:
            meetings = attributable_meetings(self.user, meetings)
        return meetings

    @property
    def filters_statements(self) -> bool:
        """Whether statements are picked within their meetings (by speaker, organization or issue)."""
        return self.speaker is not None or self.organization is not None or self.issue is not None

    def statement_conditions(self) -> tuple[list[str], list]:
        """The statement-level filters as SQL on the alias `s`, for the ordered scan."""
        sql: list[str] = []
        params: list = []
        if self.speaker is not None:
            sql.append("s.speaker_id = %s")
            params.append(self.speaker.pk)
        if self.organization is not None:
            sql.append("s.speaker_organization_id = %s")
            params.append(self.organization.pk)
        if self.issue is not None:
            sql.append(search_sql.TAGGED_WITH_ISSUE)
            params.append(self.issue.pk)
        return sql, params

    def statement_filter(self) -> Q:
        """The same filters, for the ORM."""
        condition = Q(agenda_item__meeting__in=self.meetings())
        if self.speaker is not None:
            condition &= Q(speaker_id=self.speaker.pk)
        if self.organization is not None:
            condition &= Q(speaker_organization_id=self.organization.pk)
        if self.issue is not None:
            condition &= Q(pk__in=IssueStatement.objects.filter(issue_id=self.issue.pk).values("statement_id"))
        return condition


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort key of its last statement."""

    starts_at: datetime
    meeting_id: int
    agenda_order: int
    order: int
    statement_id: int

    @classmethod
    def after(cls, statement: Statement) -> Cursor:
        meeting = statement.agenda_item.meeting
        return cls(meeting.starts_at, meeting.pk, statement.agenda_item.order, statement.order, statement.pk)

    def encode(self) -> str:
        values = [self.starts_at.isoformat(), self.meeting_id, self.agenda_order, self.order, self.statement_id]
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            starts_at = parse_datetime(raw[0])
            numbers = [int(value) for value in raw[1:]]
            if starts_at is None or starts_at.tzinfo is None or len(numbers) != 4 or len(token) > 200:
                raise ValueError(token)
        except (ValueError, TypeError, IndexError, KeyError, binascii.Error, UnicodeDecodeError):
            raise ValidationError({"cursor": _("This page link is not valid; start the search again.")}) from None
        return cls(starts_at, *numbers)

    def statement_filter(self) -> Q:
        """Statements after this one in the order of the results."""
        return Q(agenda_item__meeting__starts_at__lt=self.starts_at) | Q(
            agenda_item__meeting__starts_at=self.starts_at
        ) & (
            Q(agenda_item__meeting_id__gt=self.meeting_id)
            | Q(agenda_item__meeting_id=self.meeting_id, agenda_item__order__gt=self.agenda_order)
            | Q(agenda_item__meeting_id=self.meeting_id, agenda_item__order=self.agenda_order, order__gt=self.order)
            | Q(
                agenda_item__meeting_id=self.meeting_id,
                agenda_item__order=self.agenda_order,
                order=self.order,
                pk__gt=self.statement_id,
            )
        )
