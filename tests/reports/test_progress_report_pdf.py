"""The progress report of a body, read back: issues, stances over time, meetings, decisions, chart."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from apps.deliberation.models import Assignment, Issue, IssueStatement, IssueStatus, Position, ProgressNote
from apps.directory.models import Body, Organization
from apps.meetings.models import AgendaItem, Decision, Meeting, Statement
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request

from .pdf import fonts_used, missing_in_order, page_parts

pytestmark = pytest.mark.django_db

REPORT = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def render(body, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=REPORT, subject=body, by=None)
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE, document.error
    with document.file.open("rb") as handle:
        return handle.read()


def body_text(pdf: bytes) -> str:
    # The margins of static/reports/progress_report.css.
    return "".join(part.body for part in page_parts(pdf, top_margin_mm=20, bottom_margin_mm=20))


def label(choice) -> str:
    with translation.override("ja"):
        return str(choice.label)


@pytest.fixture
def deliberated(personas, reference_meeting):
    """Two meetings of the study group, three issues, stances that moved, one decision."""
    body = personas.study_group
    fifth = Meeting.objects.create(
        body=body,
        number=5,
        title="第５回",
        starts_at=dt.datetime(2022, 11, 29, 10, 0, tzinfo=TOKYO),
        ends_at=dt.datetime(2022, 11, 29, 12, 0, tzinfo=TOKYO),
        venue="Web開催",
    )
    docomo = Organization.objects.get(name="株式会社NTTドコモ")
    kddi = Organization.objects.get(name="KDDI株式会社")
    statements = Statement.objects.filter(agenda_item__meeting=reference_meeting)
    docomo_says = statements.filter(speaker_label="ＮＴＴドコモ（小林）").order_by("agenda_item__order", "order")
    kddi_says = statements.filter(speaker_label="ＫＤＤＩ（前田）").first()

    iot = Issue.objects.create(
        body=body,
        code="I-001",
        title="フルローミング時のIoTサービスの扱い",
        status=IssueStatus.ASSIGNED,
        raised_in=fifth,
    )
    dual_sim = Issue.objects.create(
        body=body,
        code="I-002",
        title="ワンストップでのデュアルSIM契約",
        status=IssueStatus.OPEN,
        raised_in=reference_meeting,
    )
    Issue.objects.create(
        body=body,
        code="I-003",
        title="周知広報ガイドラインの対象",
        status=IssueStatus.RESOLVED,
        raised_in=fifth,
        resolved_in=reference_meeting,
    )
    Assignment.objects.create(
        issue=iot, task_group=personas.working_party, assigned_in=reference_meeting, due_on=dt.date(2023, 3, 31)
    )
    ProgressNote.objects.create(
        issue=iot,
        meeting=reference_meeting,
        text="作業班で網選定を検討する。",
        status_before=IssueStatus.OPEN,
        status_after=IssueStatus.ASSIGNED,
    )
    IssueStatement.objects.create(issue=dual_sim, statement=docomo_says.last())
    Position.objects.create(
        issue=dual_sim, organization=docomo, meeting=fifth, stance=Position.Stance.NO_POSITION, summary="未検討"
    )
    later = Position.objects.create(
        issue=dual_sim,
        organization=docomo,
        meeting=reference_meeting,
        stance=Position.Stance.CONSIDERING,
        summary="ワンストップ提供は要望として認識",
    )
    later.statements.add(docomo_says[1])
    kddi_position = Position.objects.create(
        issue=dual_sim,
        organization=kddi,
        meeting=reference_meeting,
        stance=Position.Stance.CONDITIONAL,
        summary="他社回線の仕入れが必要",
    )
    kddi_position.statements.add(kddi_says)
    agenda = AgendaItem.objects.get(meeting=reference_meeting, order=3)
    Decision.objects.create(agenda_item=agenda, text="作業班を設置する。", kind=Decision.Kind.ESTABLISHED)
    return body


def test_it_reports_open_issues_stances_over_time_meetings_and_decisions(
    deliberated, django_capture_on_commit_callbacks
):
    pdf = render(deliberated, django_capture_on_commit_callbacks)
    text = body_text(pdf)
    sixth = "第６回（令和4年12月20日）"
    fifth = "第５回（令和4年11月29日）"
    docomo_statement = Statement.objects.filter(speaker_label="ＮＴＴドコモ（小林）").order_by("agenda_item__order")[1]
    assert (
        missing_in_order(
            text,
            [
                "非常時における事業者間ローミング等に関する検討会 検討状況報告",
                f"{sixth}時点",
                "検討課題の状況の推移",
                # The register: status, owner, due date, last meeting that discussed it.
                "I-001",
                "フルローミング時のIoTサービスの扱い",
                label(IssueStatus.ASSIGNED),
                "事業者間ローミング作業班",
                "令和5年3月31日",
                sixth,
                "I-002",
                "ワンストップでのデュアルSIM契約",
                label(IssueStatus.OPEN),
                sixth,
                # The register's matrix: each organization's latest stance on each open issue.
                "課題ごとの関係者の立場",
                "KDDI株式会社",
                "NTTドコモ",
                "I-001",
                "I-002",
                label(Position.Stance.CONDITIONAL),
                label(Position.Stance.CONSIDERING),
                # Stances of each organization, meeting by meeting, with the statements behind them.
                "I-001",
                "作業班で網選定を検討する。",
                "I-002",
                "株式会社NTTドコモ",
                fifth,
                label(Position.Stance.NO_POSITION),
                sixth,
                label(Position.Stance.CONSIDERING),
                "ワンストップ提供は要望として認識",
                "【ＮＴＴドコモ（小林）】" + docomo_statement.text,
                "KDDI株式会社",
                label(Position.Stance.CONDITIONAL),
                "他社回線の仕入れが必要",
                # Closed issues, meetings with attendance, decisions.
                "I-003",
                "周知広報ガイドラインの対象",
                "非常時における事業者間ローミング等に関する検討会（第５回）",
                "非常時における事業者間ローミング等に関する検討会（第６回）",
                "構成員 14名",
                "作業班を設置する。",
            ],
        )
        == []
    )
    assert "I-003" not in text.split("課題ごとの関係者の立場")[1].split("解決・終了した検討課題")[0]


def test_the_chart_is_an_svg_drawn_in_the_embedded_font(deliberated, django_capture_on_commit_callbacks):
    pdf = render(deliberated, django_capture_on_commit_callbacks)
    chart_page = page_parts(pdf, top_margin_mm=20, bottom_margin_mm=20)[0].body
    assert missing_in_order(chart_page, ["第5回", "第6回", "課題数"]) == []
    first_page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "/XObject" not in first_page["/Resources"] or not any(
        x.get_object().get("/Subtype") == "/Image" for x in first_page["/Resources"]["/XObject"].values()
    ), "the chart must be vector, not a raster image"
    assert {font.base_font.split("+")[1] for font in fonts_used(pdf)} == {"IPAexMincho"}
    assert all(font.embedded for font in fonts_used(pdf))


def test_a_body_with_nothing_to_report_says_so(personas, django_capture_on_commit_callbacks):
    empty = Body.objects.create(name="新設の検討会")
    text = body_text(render(empty, django_capture_on_commit_callbacks))
    assert (
        missing_in_order(
            text,
            [
                "新設の検討会 検討状況報告",
                "会合の開催実績はまだありません",
                "推移を示す会合・検討課題はまだありません。",
                "未解決の検討課題はありません。",
                "記録すべき課題はありません。",
                "開催された会合はまだありません。",
                "決定事項はまだありません。",
            ],
        )
        == []
    )


def test_an_overdue_assignment_is_marked_by_the_registers_rule(deliberated, django_capture_on_commit_callbacks):
    # I-001's task group was due to report on 2023-03-31: overdue by Assignment.objects.overdue().
    assignment = Assignment.objects.get(issue__code="I-001")
    assert Assignment.objects.overdue().get() == assignment
    register = body_text(render(deliberated, django_capture_on_commit_callbacks)).split("課題ごとの関係者の立場")[0]
    assert missing_in_order(register, ["I-001", "令和5年3月31日", "期限超過", "I-002"]) == []

    assignment.due_on = timezone.localdate() + dt.timedelta(days=30)
    assignment.save(update_fields=["due_on"])
    assert "期限超過" not in body_text(render(deliberated, django_capture_on_commit_callbacks))
