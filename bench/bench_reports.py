"""PDF speed and size: the reference 議事要旨 and a ~100-page progress report.

For the reference meeting, the median of seven interleaved rounds: (a) WeasyPrint alone on the final HTML
string, (b) the whole path — snapshot from PostgreSQL, content hash, job row, Celery task
(in-process), HTML, WeasyPrint, temporary file moved into place, job marked done. Targets:
(b)/(a) ≤ 1.15, (b) < 1 s, the PDF < 400 KB. Then the progress report of a synthetic body
with many issues, positions and statements (~100 pages): < 5 s for the whole path.
"""

import datetime as dt
import io
import random
import statistics
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from pypdf import PdfReader
from weasyprint import HTML

from apps.deliberation.models import Assignment, Issue, IssueStatus, Position, ProgressNote
from apps.demo.synthetic import Phrasebook, reference_vocabulary, statement_text
from apps.directory.models import Body, Organization
from apps.importer.services import minutes_file_import
from apps.meetings.models import AgendaItem, Meeting, Statement
from apps.reports.fetcher import StaticFilesFetcher
from apps.reports.models import GeneratedDocument
from apps.reports.rendering import render_html
from apps.reports.selectors import minutes_snapshot
from apps.reports.services import document_request
from config.celery import app as celery_app

REFERENCE = Path(__file__).resolve().parents[1] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
MINUTES_BODY = "帳票ベンチマーク用検討会"
REPORT_ISSUES = 62  # about a hundred pages
REPORT_BODY = f"帳票ベンチマーク用大規模検討会（課題{REPORT_ISSUES}件）"
TOKYO = ZoneInfo("Asia/Tokyo")
Kind = GeneratedDocument.Kind
ROUNDS = 7


def _whole_path(kind: str, subject) -> tuple[float, float, GeneratedDocument]:
    """Request a document that does not exist yet and wait for it; the task runs in-process.

    Returns wall-clock and CPU seconds: on a shared two-core machine the CPU time of this
    process tells what the code costs when other work competes for the cores.
    """
    GeneratedDocument.objects.filter(kind=kind, subject_id=subject.pk).delete()
    started, started_cpu = time.perf_counter(), time.process_time()
    document = document_request(kind=kind, subject=subject, by=None)
    document.refresh_from_db()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert document.status == GeneratedDocument.Status.DONE, document.error
    return elapsed, cpu, document


def _reference_meeting() -> Meeting:
    meeting = Meeting.objects.filter(body__name=MINUTES_BODY, number=6).first()
    return meeting or minutes_file_import(path=REFERENCE, body_name=MINUTES_BODY)


def _synthetic_body(*, meetings: int = 24, issues: int = REPORT_ISSUES, organizations: int = 6) -> Body:
    """A study group with a task group, many meetings and issues, stances that move (built once)."""
    body = Body.objects.filter(name=REPORT_BODY).first()
    if body is not None:
        return body
    rng = random.Random(20221220)
    phrasebook = Phrasebook.of(reference_vocabulary(), rng)
    with transaction.atomic():
        body = Body.objects.create(name=REPORT_BODY)
        task_group = Body.objects.create(name=f"{REPORT_BODY}タスクグループ", kind=Body.Kind.TASK_GROUP, parent=body)
        orgs = [Organization.objects.get_or_create(name=f"ベンチ通信株式会社{n + 1}")[0] for n in range(organizations)]
        held = []
        for number in range(1, meetings + 1):
            start = dt.datetime(2022, 9, 1, 15, 0, tzinfo=TOKYO) + dt.timedelta(weeks=2 * number)
            held.append(
                Meeting.objects.create(
                    body=body, number=number, title="", starts_at=start, ends_at=start + dt.timedelta(hours=2)
                )
            )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=m, order=1, number_label="（１）", title="検討課題について") for m in held
        )
        statements_by_meeting = {}
        for item in items:
            statements_by_meeting[item.meeting_id] = Statement.objects.bulk_create(
                Statement(
                    agenda_item=item,
                    order=n + 1,
                    speaker_label=f"ベンチ通信{n + 1}",
                    speaker_organization=orgs[n],
                    text=statement_text(rng, phrasebook),
                )
                for n in range(organizations)
            )
        stances = list(Position.Stance.values)
        statuses = [IssueStatus.OPEN, IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS, IssueStatus.DEFERRED]
        for number in range(1, issues + 1):
            raised = held[rng.randrange(0, meetings // 2)]
            issue = Issue.objects.create(
                body=body,
                code=f"I-{number:03d}",
                title=statement_text(rng, phrasebook).split("。")[0][:60],
                description=statement_text(rng, phrasebook),
                status=rng.choice(statuses),
                raised_in=raised,
            )
            later = [m for m in held if m.starts_at >= raised.starts_at]
            Assignment.objects.create(
                issue=issue, task_group=task_group, assigned_in=raised, due_on=dt.date(2023, 6, 30)
            )
            for meeting in rng.sample(later, min(3, len(later))):
                ProgressNote.objects.create(
                    issue=issue, meeting=meeting, text=statement_text(rng, phrasebook)[:120], status_after=issue.status
                )
            for organization in rng.sample(orgs, 3):
                for meeting in sorted(rng.sample(later, min(2, len(later))), key=lambda m: m.starts_at):
                    position = Position.objects.create(
                        issue=issue,
                        organization=organization,
                        meeting=meeting,
                        stance=rng.choice(stances),
                        summary=statement_text(rng, phrasebook).split("。")[0][:100],
                    )
                    position.statements.add(statements_by_meeting[meeting.pk][orgs.index(organization)])
    return body


def run() -> list[dict]:
    celery_app.conf.task_always_eager = True  # the same task code, in this process
    meeting = _reference_meeting()
    html, _generated = render_html(Kind.MINUTES_PDF, minutes_snapshot(meeting.pk))
    HTML(string=html, url_fetcher=StaticFilesFetcher()).write_pdf()  # warm the font cache and imports
    _whole_path(Kind.MINUTES_PDF, meeting)

    alone_wall, alone_cpu, path_wall, path_cpu = [], [], [], []
    for _ in range(ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        HTML(string=html, url_fetcher=StaticFilesFetcher()).write_pdf()
        alone_wall.append(time.perf_counter() - started)
        alone_cpu.append(time.process_time() - started_cpu)
        elapsed, cpu, document = _whole_path(Kind.MINUTES_PDF, meeting)
        path_wall.append(elapsed)
        path_cpu.append(cpu)
    a_ms, b_ms = statistics.median(alone_wall) * 1000, statistics.median(path_wall) * 1000
    a_cpu_ms, b_cpu_ms = statistics.median(alone_cpu) * 1000, statistics.median(path_cpu) * 1000
    size_kb = document.file.size / 1024

    body = _synthetic_body()
    report_seconds, report_cpu, report = _whole_path(Kind.PROGRESS_REPORT_PDF, body)
    with report.file.open("rb") as handle:
        pages = len(PdfReader(io.BytesIO(handle.read())).pages)

    return [
        {"name": "reports: minutes, WeasyPrint alone on the HTML (a)", "value": a_ms, "unit": "ms"},
        {
            "name": "reports: minutes, database → PDF file (b)",
            "value": b_ms,
            "unit": "ms",
            "baseline": a_ms,
            "ratio": b_ms / a_ms,
            "target": "ratio ≤ 1.15, < 1000 ms",
        },
        {
            "name": "reports: minutes, (b) vs (a) in CPU time",
            "value": b_cpu_ms,
            "unit": "ms",
            "baseline": a_cpu_ms,
            "ratio": b_cpu_ms / a_cpu_ms,
            "target": "ratio ≤ 1.15 (steadier than wall time on a busy machine)",
        },
        {"name": "reports: minutes PDF size", "value": size_kb, "unit": "KB", "target": "< 400 KB"},
        {
            "name": f"reports: progress report, {pages} pages, database → PDF",
            "value": report_seconds * 1000,
            "unit": "ms",
            "target": "< 5000 ms for ~100 pages",
        },
        {
            "name": f"reports: progress report, {pages} pages, CPU time",
            "value": report_cpu * 1000,
            "unit": "ms",
            "target": "< 5000 ms (wall time above includes waiting for a shared core)",
        },
    ]
