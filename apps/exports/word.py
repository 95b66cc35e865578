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
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

# The 明朝 the PDF embeds (fonts-ipaexfont, free to install); the secretariat may switch the
# styles to ＭＳ 明朝 in Word in one place.
MINCHO = "IPAex明朝"
LATIN = MINCHO  # IPAex has Latin letters and digits, as the PDF prints them
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


def _styles(document: Any) -> dict[str, Any]:
    """The template's styles set to 明朝, and paragraph styles of the layout's own, so that the
    secretariat edits indents once per style rather than paragraph by paragraph."""
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
    styles["Normal"].paragraph_format.space_after = Pt(0)
    layout = {
        # name: (left indent in characters, first-line indent in characters)
        "議事要旨 本文": (0, 1),
        "議事要旨 字下げ": (1, 1),
        "議事要旨 項目": (1, 0),
        "議事要旨 氏名": (2, 0),
    }
    found = {}
    for name, (left, first) in layout.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = INDENT * left
        style.paragraph_format.first_line_indent = INDENT * first
        found[name] = style
    for name in ("Title", "Heading 1", "Heading 2", "Normal"):
        found[name] = styles[name]
    return found


def _page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)


def _paragraph(document: Any, text: str, style: Any) -> Any:
    paragraph = document.add_paragraph(text)
    if style.style_id != "Normal":
        # Set by id: python-docx would scan every style of styles.xml for each paragraph.
        paragraph._p.style = style.style_id
    return paragraph


def _state_marks(document: Any, doc: dict[str, Any]) -> None:
    """案 and the review state, top right, as on the PDF."""
    marks = " ".join(mark for mark in (doc["draft_mark"], doc["state_label"]) if mark)
    if marks:
        paragraph = document.add_paragraph(marks)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _attendance(document: Any, doc: dict[str, Any], styles: dict[str, Any]) -> None:
    _paragraph(document, "３　出席者", styles["Heading 1"])
    for part in doc["attendance"]:
        _paragraph(document, f"{part['number']}{part['heading']}", styles["Heading 2"])
        for group in part["groups"]:
            if group["label"]:
                _paragraph(document, f"・{group['label']}", styles["議事要旨 項目"])
            if part["one_per_line"]:
                for name in group["names"]:
                    _paragraph(document, name, styles["議事要旨 氏名"])
            else:
                _paragraph(document, "、".join(group["names"]), styles["議事要旨 氏名"])


def _agenda(document: Any, doc: dict[str, Any], styles: dict[str, Any]) -> None:
    _paragraph(document, "４　議事", styles["Heading 1"])
    for item in doc["agenda"]:
        _paragraph(document, f"{item['number']}{item['title']}", styles["Heading 2"])
        for line in item["proceedings"]:
            _paragraph(document, line, styles["議事要旨 字下げ"])
        for statement in item["statements"]:
            _paragraph(document, f"【{statement['speaker']}】", styles["Normal"])
            for text in statement["paragraphs"]:
                _paragraph(document, text, styles["議事要旨 本文"])


def _errata(document: Any, doc: dict[str, Any], styles: dict[str, Any]) -> None:
    _paragraph(document, "正誤表", styles["Heading 1"])
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
    styles = _styles(document)
    _page(document)
    document.core_properties.title = f"{doc['title']} 議事要旨"
    document.core_properties.language = "ja-JP"
    _state_marks(document, doc)
    _paragraph(document, doc["title"], styles["Title"])
    _paragraph(document, "議事要旨", styles["Normal"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "１　日時", styles["Heading 1"])
    _paragraph(document, doc["when"], styles["議事要旨 項目"])
    _paragraph(document, "２　場所", styles["Heading 1"])
    _paragraph(document, doc["venue"], styles["議事要旨 項目"])
    _attendance(document, doc, styles)
    _agenda(document, doc, styles)
    _paragraph(document, "以上", styles["Normal"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if doc["errata"]:
        _errata(document, doc, styles)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
