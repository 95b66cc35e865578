"""The 議事要旨 as a Word file, from the same snapshot as the PDF (apps.reports.selectors).

The ministry layout of the PDF template (templates/reports/minutes.html): title and 議事要旨
centred, numbered sections (１　日時 …) and agenda items as Word headings, speakers in 【】,
paragraphs indented by one character, 以上 at the end, errata as a table. Text is in 明朝,
named for East Asian text (w:eastAsia) as Word needs it, so that it opens ready to edit.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

# The 明朝 of Word on a ministry PC; LibreOffice and others substitute their own (IPAex明朝).
MINCHO = "ＭＳ 明朝"
LATIN = "Century"
BODY_SIZE = Pt(10.5)
INDENT = Pt(10.5)  # one full-width character


def _set_font(style: BaseStyle, *, size: Pt, bold: bool = False) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = LATIN
    font.size = size
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the names below
    fonts.set(qn("w:eastAsia"), MINCHO)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)


def _styles(document: Any) -> None:
    styles = document.styles
    _set_font(styles["Normal"], size=BODY_SIZE)
    _set_font(styles["Title"], size=Pt(14), bold=True)
    _set_font(styles["Heading 1"], size=BODY_SIZE, bold=False)
    _set_font(styles["Heading 2"], size=BODY_SIZE, bold=False)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].paragraph_format.space_before = Pt(6)
        styles[name].paragraph_format.space_after = Pt(0)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_border = styles["Title"].element.pPr.find(qn("w:pBdr"))
    if title_border is not None:  # the default template underlines the title
        styles["Title"].element.pPr.remove(title_border)


def _page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)


def _paragraph(document: Any, text: str, *, indent: int = 1, first_line: bool = True) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.left_indent = INDENT * indent
    if first_line:
        paragraph.paragraph_format.first_line_indent = INDENT


def _state_marks(document: Any, doc: dict[str, Any]) -> None:
    """案 and the review state, top right, as on the PDF."""
    marks = " ".join(mark for mark in (doc["draft_mark"], doc["state_label"]) if mark)
    if marks:
        paragraph = document.add_paragraph(marks)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _attendance(document: Any, doc: dict[str, Any]) -> None:
    document.add_heading("３　出席者", level=1)
    for part in doc["attendance"]:
        document.add_heading(f"{part['number']}{part['heading']}", level=2)
        for group in part["groups"]:
            if group["label"]:
                _paragraph(document, f"・{group['label']}", first_line=False)
            if part["one_per_line"]:
                for name in group["names"]:
                    _paragraph(document, name, indent=2, first_line=False)
            else:
                _paragraph(document, "、".join(group["names"]), indent=2, first_line=False)


def _agenda(document: Any, doc: dict[str, Any]) -> None:
    document.add_heading("４　議事", level=1)
    for item in doc["agenda"]:
        document.add_heading(f"{item['number']}{item['title']}", level=2)
        for line in item["proceedings"]:
            _paragraph(document, line)
        for statement in item["statements"]:
            document.add_paragraph(f"【{statement['speaker']}】")
            for text in statement["paragraphs"]:
                _paragraph(document, text, indent=0)


def _errata(document: Any, doc: dict[str, Any]) -> None:
    document.add_heading("正誤表", level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("公表日", "箇所", "誤", "正"), strict=True):
        cell.text = text
    for erratum in doc["errata"]:
        cells = table.add_row().cells
        for cell, key in zip(cells, ("published_on", "location", "wrong", "correct"), strict=True):
            cell.text = erratum[key]


def minutes_docx(doc: dict[str, Any]) -> bytes:
    """The .docx of a minutes snapshot (apps.reports.selectors.minutes_snapshot)."""
    document = Document()
    _styles(document)
    _page(document)
    document.core_properties.title = f"{doc['title']} 議事要旨"
    document.core_properties.language = "ja-JP"
    _state_marks(document, doc)
    document.add_heading(doc["title"], level=0)
    subtitle = document.add_paragraph("議事要旨")
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("１　日時", level=1)
    _paragraph(document, doc["when"], first_line=False)
    document.add_heading("２　場所", level=1)
    _paragraph(document, doc["venue"], first_line=False)
    _attendance(document, doc)
    _agenda(document, doc)
    closing = document.add_paragraph("以上")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if doc["errata"]:
        _errata(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
