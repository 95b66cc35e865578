"""Turn a minutes file (.txt in any Japanese encoding, .docx, .pdf) into text for the parser.

Plain Python like the parser: every failure is a MinutesError that says what and where.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from charset_normalizer import from_bytes

from apps.importer.limits import check_source
from apps.importer.result import MinutesError

# Encodings Japanese minutes actually come in; charset-normalizer picks among them.
JAPANESE_ENCODINGS = ["utf_8", "cp932", "shift_jis", "euc_jp", "iso2022_jp"]


def read_minutes_text(path: str | Path) -> str:
    """The text of a minutes file, whatever its format; raises MinutesError on bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MinutesError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    return minutes_text(data, name=path.name)


def minutes_text(data: bytes, *, name: str) -> str:
    """The text of a minutes file's bytes; the suffix of `name` says the format."""
    suffix = Path(name).suffix.lower()
    check_source(data, suffix=suffix, name=name)
    if suffix == ".docx":
        return docx_text(data, name=name)
    if suffix == ".pdf":
        return pdf_text(data, name=name)
    return decode_text(data, name=name)


def decode_text(data: bytes, *, name: str = "input") -> str:
    """Decode text bytes: UTF-8 (BOM or not) first, else the Japanese encoding detected."""
    if not data.strip():
        raise MinutesError(f"{name} is empty", line=1)
    if b"\x00" in data:
        raise MinutesError(f"{name} is a binary file (NUL byte)", line=_line_of(data, data.index(b"\x00")))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = from_bytes(data, cp_isolation=JAPANESE_ENCODINGS).best()
    if best is None or best.encoding not in JAPANESE_ENCODINGS:
        raise MinutesError(
            f"{name} cannot be decoded as UTF-8, Shift_JIS/CP932 or EUC-JP",
            line=_line_of(data, utf8_error.start),
        )
    text = str(best)
    if _looks_binary(text):
        raise MinutesError(f"{name} is a binary file (control characters)", line=1)
    return text


def docx_text(data: bytes, *, name: str = "input") -> str:
    """Paragraphs of a Word file in reading order, table rows written where they stand as `| cell | cell |`."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise MinutesError(f"{name} is not a readable .docx file ({exc.__class__.__name__})", line=1) from exc
    except Exception as exc:  # zipfile/lxml raise many kinds on corrupt packages
        raise MinutesError(f"{name} is not a readable .docx file ({exc.__class__.__name__})", line=1) from exc
    lines = _document_lines(document)
    return _non_empty("\n".join(lines), name)


def _document_lines(document) -> list[str]:
    """Paragraph texts and table rows in reading order, Word's automatic numbering written out.

    python-docx drops the numbering: the first level becomes `1.` and deeper levels `(1)`, the
    forms the parser reads as section and agenda headings; a deeper level restarts under each
    new item above it. A table's rows stand where the table stands (a header table comes first).
    """
    from docx.table import Table

    counters: dict[int, int] = {}
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("| " + " | ".join(cell.text.strip() for cell in row.cells) + " |" for row in block.rows)
            continue
        paragraph = block
        level = _list_level(paragraph)
        if level is None:
            lines.append(paragraph.text)
            continue
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        counters[level] = counters.get(level, 0) + 1
        number = counters[level]
        lines.append(f"{number}. {paragraph.text}" if level == 0 else f"({number}){paragraph.text}")
    return lines


def _list_level(paragraph) -> int | None:
    """The numbering level of a paragraph (its own or its style's), None if not numbered."""
    own = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if own is not None and own.numId is not None and own.numId.val != 0:
        return int(own.ilvl.val) if own.ilvl is not None else 0
    style = paragraph.style
    while style is not None:
        properties = style.element.pPr
        numbering = properties.numPr if properties is not None else None
        if numbering is not None and numbering.numId is not None:
            if numbering.ilvl is not None:
                return int(numbering.ilvl.val)
            # Word's "List Number 2" style carries its level only in its name.
            suffix = re.search(r"(\d+)$", style.name or "")
            return int(suffix.group(1)) - 1 if suffix else 0
        style = style.base_style
    return None


def pdf_text(data: bytes, *, name: str = "input") -> str:
    """Text of a PDF (pdfminer.six keeps the reading order of Japanese layouts best)."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        text = extract_text(io.BytesIO(data))
    except PDFSyntaxError as exc:
        raise MinutesError(f"{name} is not a readable PDF ({exc})", line=1) from exc
    except Exception as exc:  # pdfminer raises many kinds on corrupt files
        raise MinutesError(f"{name} is not a readable PDF ({exc.__class__.__name__})", line=1) from exc
    return _non_empty(text, name)


def _non_empty(text: str, name: str) -> str:
    if not text.strip():
        raise MinutesError(f"{name} contains no text", line=1)
    return text


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > max(2, len(text) // 100)
