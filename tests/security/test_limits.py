"""Every input has a limit, set in settings; each refusal names the limit (and the line, where
there is one) and writes nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from pypdf import PdfWriter

from apps.importer.result import MinutesError
from apps.importer.services import minutes_file_import
from apps.importer.sources import read_minutes_text
from apps.meetings.models import Material, Meeting, Statement
from bench.bench_limits import zip_bomb

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"


def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.docx", unpacked_mb=64)
    assert bomb.stat().st_size < 200 * 1024
    with pytest.raises(MinutesError, match=r"unpacks to 64\.0 MB.*IMPORT_DOCX_MAX_UNCOMPRESSED_BYTES"):
        read_minutes_text(bomb)


@override_settings(IMPORT_DOCX_MAX_ENTRIES=10)
def test_a_docx_of_too_many_parts_is_refused(tmp_path):
    path = tmp_path / "parts.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(11):
            archive.writestr(f"word/part{index}.xml", "<x/>")
    with pytest.raises(MinutesError, match=r"11 parts, over the limit of 10 \(IMPORT_DOCX_MAX_ENTRIES\)"):
        read_minutes_text(path)


@override_settings(UPLOAD_MAX_BYTES=1000)
def test_a_minutes_file_over_the_upload_limit_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("第6回\n" * 500, encoding="utf-8")
    with pytest.raises(MinutesError, match=r"over the upload limit of 0\.0 MB \(UPLOAD_MAX_BYTES\)"):
        read_minutes_text(path)


@override_settings(IMPORT_PDF_MAX_PAGES=2)
def test_a_pdf_of_too_many_pages_is_refused(tmp_path):
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "pages.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(MinutesError, match=r"more than 2 pages, the limit \(IMPORT_PDF_MAX_PAGES\)"):
        read_minutes_text(path)


@pytest.mark.django_db
@override_settings(STATEMENT_MAX_CHARS=500)
def test_an_import_with_an_overlong_statement_names_the_limit_and_the_line():
    """The reference's longest statement has 700 characters."""
    with pytest.raises(MinutesError, match=r"^line \d+: .*STATEMENT_MAX_CHARS") as refused:
        minutes_file_import(path=REFERENCE, body_name="検討会")
    assert refused.value.line and refused.value.line > 1
    assert not Meeting.objects.exists() and not Statement.objects.exists()


@pytest.mark.django_db
@override_settings(MEETING_MAX_STATEMENTS=40)
def test_an_import_of_too_many_statements_is_refused():
    """The reference has 41 statements."""
    with pytest.raises(MinutesError, match=r"41 statements, over the limit of 40 .*MEETING_MAX_STATEMENTS"):
        minutes_file_import(path=REFERENCE, body_name="検討会")
    assert not Meeting.objects.exists()


@override_settings(STATEMENT_MAX_CHARS=10)
def test_a_statement_over_the_limit_is_refused_wherever_it_is_edited():
    statement = Statement(agenda_item_id=1, order=1, speaker_label="藤井構成員", text="あ" * 11)
    with translation.override("en"), pytest.raises(ValidationError, match="at most 10 characters"):
        statement.clean_fields(exclude=["agenda_item"])


@override_settings(UPLOAD_MAX_BYTES=10)
def test_a_material_over_the_upload_limit_is_refused():
    material = Material(meeting_id=1, label="資料1", file=SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 20))
    with translation.override("en"), pytest.raises(ValidationError, match="UPLOAD_MAX_BYTES"):
        material.clean_fields(exclude=["meeting"])
