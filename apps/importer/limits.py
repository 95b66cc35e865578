"""Size limits on a minutes file, checked before anything parses it (settings name each limit).

A .docx is a zip: its central directory declares every entry and its uncompressed size, and
Python's zipfile never inflates an entry past its declared size, so checking the directory
refuses a zip bomb after reading a few kilobytes. A PDF's pages are counted up to one past the limit.
"""

import io
import itertools
import zipfile

from django.conf import settings

from apps.importer.result import MinutesError, ParsedMinutes

MB = 1024 * 1024


def check_source(data: bytes, *, suffix: str, name: str) -> None:
    """Refuse a file over any limit, with a MinutesError that names the limit."""
    check_upload_size(len(data), name=name)
    if suffix == ".docx":
        check_docx(data, name=name)
    elif suffix == ".pdf":
        check_pdf(data, name=name)


def check_upload_size(size: int, *, name: str) -> None:
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise MinutesError(
            f"{name} is {size / MB:.1f} MB, over the upload limit of {limit / MB:.1f} MB (UPLOAD_MAX_BYTES)"
        )


def check_docx(data: bytes, *, name: str) -> None:
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise MinutesError(f"{name} is not a readable .docx file ({exc.__class__.__name__})", line=1) from exc
    entry_limit = settings.IMPORT_DOCX_MAX_ENTRIES
    if len(entries) > entry_limit:
        raise MinutesError(
            f"{name} holds {len(entries)} parts, over the limit of {entry_limit} (IMPORT_DOCX_MAX_ENTRIES)"
        )
    size_limit = settings.IMPORT_DOCX_MAX_UNCOMPRESSED_BYTES
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > size_limit:
        raise MinutesError(
            f"{name} unpacks to {unpacked / MB:.1f} MB, over the limit of {size_limit / MB:.1f} MB "
            "(IMPORT_DOCX_MAX_UNCOMPRESSED_BYTES)"
        )


def check_pdf(data: bytes, *, name: str) -> None:
    from pdfminer.pdfpage import PDFPage

    limit = settings.IMPORT_PDF_MAX_PAGES
    try:
        # Pages are read lazily: counting stops one past the limit.
        pages = sum(1 for _ in itertools.islice(PDFPage.get_pages(io.BytesIO(data)), limit + 1))
    except Exception as exc:  # pdfminer raises many kinds on corrupt files
        raise MinutesError(f"{name} is not a readable PDF ({exc.__class__.__name__})", line=1) from exc
    if pages > limit:
        raise MinutesError(f"{name} has more than {limit} pages, the limit (IMPORT_PDF_MAX_PAGES)")


def check_statement_count(parsed: ParsedMinutes) -> None:
    """At most MEETING_MAX_STATEMENTS statements a meeting; the error names the first one over."""
    limit = settings.MEETING_MAX_STATEMENTS
    statements = [statement for item in parsed.agenda_items for statement in item.statements]
    if len(statements) > limit:
        raise MinutesError(
            f"the minutes hold {len(statements)} statements, over the limit of {limit} a meeting "
            "(MEETING_MAX_STATEMENTS)",
            line=statements[limit].line or None,
        )
