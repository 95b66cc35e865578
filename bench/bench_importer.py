"""Importer speed: parsing the reference minutes (< 20 ms) and importing them into PostgreSQL (< 300 ms).

Baselines from the same run: for parsing, only splitting and NFKC-normalising the text (the
floor any parser pays); for importing, the same rows saved one by one with Model.save(), the
way a naive importer would.
"""

import statistics
import time
import unicodedata
from pathlib import Path

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.directory.models import Body, Organization, Person
from apps.importer.parser import parse_minutes
from apps.importer.services import meeting_import
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting, Statement

REFERENCE = Path(__file__).resolve().parents[1] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
BODY = "ベンチマーク用検討会"


class _Rollback(Exception):
    pass


def _median_ms(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _in_rolled_back_transaction(function):
    """Run against the real database, leaving it as it was."""

    def wrapped():
        try:
            with transaction.atomic():
                function()
                raise _Rollback
        except _Rollback:
            pass

    return wrapped


def run() -> list[dict]:
    text = REFERENCE.read_text(encoding="utf-8")
    parse_minutes(text)  # warm caches and regexes
    parse_ms = _median_ms(lambda: parse_minutes(text), 30)
    floor_ms = _median_ms(lambda: unicodedata.normalize("NFKC", text).splitlines(), 30)
    parsed = parse_minutes(text)

    def import_once():
        meeting_import(parsed=parsed, body_name=BODY)

    def naive_rows():
        """The same rows (people, attendance, materials, agenda, statements) saved one at a time."""
        body = Body.objects.create(name=BODY)
        meeting = Meeting.objects.create(body=body, number=6, title="x", starts_at="2022-12-20T15:00+09:00")
        organizations: dict[str, Organization] = {}
        for order, attendee in enumerate(parsed.attendees, start=1):
            org = None
            if attendee.organization:
                # get_or_create: other benchmarks may leave the reference companies in this database.
                org = (
                    organizations.get(attendee.organization)
                    or Organization.objects.get_or_create(name=attendee.organization)[0]
                )
                organizations[attendee.organization] = org
            person = None if attendee.is_organization else Person.objects.create(family_name=attendee.family_name)
            Attendance.objects.create(
                meeting=meeting, order=order, category=attendee.category, person=person, organization=org
            )
        for material in parsed.materials:
            Material.objects.create(meeting=meeting, label=material.label)
        for order, entry in enumerate(parsed.agenda_items, start=1):
            item = AgendaItem.objects.create(meeting=meeting, order=order, title=entry.title or "冒頭")
            for number, statement in enumerate(entry.statements, start=1):
                Statement.objects.create(
                    agenda_item=item, order=number, speaker_label=statement.speaker, text=statement.text
                )

    import_ms = _median_ms(_in_rolled_back_transaction(import_once), 10)
    naive_ms = _median_ms(_in_rolled_back_transaction(naive_rows), 5)

    def reimport():
        import_once()
        started = time.perf_counter()
        import_once()
        reimport_timings.append((time.perf_counter() - started) * 1000)

    reimport_timings: list[float] = []
    for _ in range(5):
        _in_rolled_back_transaction(reimport)()

    with CaptureQueriesContext(connection) as queries:
        _in_rolled_back_transaction(import_once)()
    query_count = sum(
        1 for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))
    )

    return [
        {
            "name": "importer: parse reference minutes",
            "value": parse_ms,
            "unit": "ms",
            "baseline": floor_ms,
            "ratio": parse_ms / floor_ms if floor_ms else None,
            "target": "< 20 ms (baseline: NFKC + split only)",
        },
        {
            "name": "importer: import reference minutes into PostgreSQL",
            "value": import_ms,
            "unit": "ms",
            "baseline": naive_ms,
            "ratio": import_ms / naive_ms if naive_ms else None,
            "target": "< 300 ms (baseline: the same rows saved one by one)",
        },
        {
            "name": "importer: re-import the same file (update in place)",
            "value": statistics.median(reimport_timings),
            "unit": "ms",
            "target": "informational",
        },
        {
            "name": "importer: queries per import",
            "value": float(query_count),
            "unit": "queries",
            "target": "bounded (bulk inserts; pinned in tests)",
        },
    ]
