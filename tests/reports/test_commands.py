"""render_minutes and render_report: the same service as the worker, the path printed."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from apps.reports.models import GeneratedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_render_minutes_writes_the_pdf_and_prints_its_path(reference_meeting, tmp_path):
    out = tmp_path / "out" / "minutes.pdf"
    stdout = io.StringIO()
    call_command("render_minutes", reference_meeting.pk, "--out", str(out), stdout=stdout)
    assert stdout.getvalue().strip() == str(out.resolve())
    assert "議事要旨" in PdfReader(out).pages[0].extract_text()
    document = GeneratedDocument.objects.get()
    assert document.status == GeneratedDocument.Status.DONE
    assert document.file.read() == out.read_bytes()  # the very document the worker would serve


def test_render_report_writes_the_progress_report(personas, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("render_report", personas.study_group.pk, "--out", str(out), stdout=io.StringIO())
    assert "検討状況報告" in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()


def test_an_unknown_meeting_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No meeting with id 999999"):
        call_command("render_minutes", 999999, "--out", str(tmp_path / "x.pdf"))
