"""Atom feeds of newly published minutes and progress reports, of all bodies or of one body's tree.

Only what anyone may read: published minutes, and progress reports that draw on published
minutes only. Entries give the agenda, not statements, so no one's name is in them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from apps.directory.models import Body
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes
from apps.reports.models import GeneratedDocument
from apps.reports.selectors.formatting import meeting_heading

ENTRIES = 50


@dataclass
class Entry:
    title: str
    link: str
    description: str
    published: dt.datetime
    guid: str


def _minutes_entries(body_ids: set[int] | None) -> list[Entry]:
    meetings = Meeting.objects.filter(minutes__status=Minutes.Status.PUBLISHED).select_related("body", "minutes")
    if body_ids is not None:
        meetings = meetings.filter(body_id__in=body_ids)
    meetings = meetings.prefetch_related("agenda_items").order_by("-minutes__published_at", "-id")[:ENTRIES]
    return [
        Entry(
            title=f"{meeting_heading(meeting)} 議事要旨",
            link=reverse("portal:meeting", args=[meeting.pk]),
            description="、".join(f"{item.number_label}{item.title}" for item in meeting.agenda_items.all()),
            published=meeting.minutes.published_at or meeting.modified,
            guid=f"minutes-{meeting.pk}",
        )
        for meeting in meetings
    ]


def _report_entries(body_ids: set[int] | None) -> list[Entry]:
    reports = GeneratedDocument.objects.filter(
        kind=GeneratedDocument.Kind.PROGRESS_REPORT_PDF,
        status=GeneratedDocument.Status.DONE,
        inputs__published_only=True,
        subject_type__app_label="directory",
        subject_type__model="body",
    )
    if body_ids is not None:
        reports = reports.filter(subject_id__in=body_ids)
    reports = reports.defer("inputs").order_by("-finished_at", "-id")[:ENTRIES]
    titles = dict(Body.objects.filter(pk__in=[r.subject_id for r in reports]).values_list("pk", "name"))
    return [
        Entry(
            title=f"{titles.get(report.subject_id, '')} 検討状況報告",
            link=reverse("reports:download", args=[report.pk]),
            description="",
            published=report.finished_at or report.created,
            guid=f"report-{report.pk}",
        )
        for report in reports
    ]


class PublishedFeed(Feed):
    feed_type = Atom1Feed
    title = "Shingi 議事要旨・検討状況報告"
    subtitle = "公表された議事要旨と検討状況報告 / Newly published minutes and progress reports"

    def link(self, obj=None) -> str:
        return reverse("portal:home")

    def body_ids(self, obj) -> set[int] | None:
        return None

    def items(self, obj=None) -> list[Entry]:
        entries = _minutes_entries(self.body_ids(obj)) + _report_entries(self.body_ids(obj))
        return sorted(entries, key=lambda e: e.published, reverse=True)[:ENTRIES]

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.published

    def item_guid(self, item: Entry) -> str:
        return item.guid

    item_guid_is_permalink = False


class BodyFeed(PublishedFeed):
    def get_object(self, request: HttpRequest, pk: int) -> Body:
        return get_object_or_404(Body, pk=pk)

    def title(self, obj: Body) -> str:  # type: ignore[override]
        return f"{obj.name} 議事要旨・検討状況報告"

    def link(self, obj=None) -> str:
        return reverse("portal:body", args=[obj.pk]) if obj else reverse("portal:home")

    def body_ids(self, obj: Body) -> set[int] | None:
        return obj.descendant_ids()
