"""Reading PDFs back for the tests: text, and the fonts the pages use."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace: line breaks fall anywhere in Japanese typesetting."""
    return WHITESPACE.sub("", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@dataclass
class PageText:
    body: str  # the text between the top and bottom margins
    header: list[str]  # pieces printed in the top margin
    footer: list[str]  # pieces printed in the bottom margin


def page_parts(pdf: bytes, *, top_margin_mm: float, bottom_margin_mm: float) -> list[PageText]:
    """Each page's text split by where it is printed: margins hold page numbers and marks."""
    parts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        top_limit = height - top_margin_mm * 72 / 25.4
        bottom_limit = bottom_margin_mm * 72 / 25.4
        body: list[str] = []
        header: list[str] = []
        footer: list[str] = []

        def visit(
            text, cm, tm, _font, _size, body=body, header=header, footer=footer, top=top_limit, bottom=bottom_limit
        ):
            if not text.strip():
                return
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            (header if y > top else footer if y < bottom else body).append(text)

        page.extract_text(visitor_text=visit)
        parts.append(
            PageText(body="".join(body), header=[t.strip() for t in header], footer=[t.strip() for t in footer])
        )
    return parts


def missing_in_order(text: str, expected: list[str]) -> list[str]:
    """The expected pieces not found in `text` after the previous one (empty list: all there, in order)."""
    haystack = squeeze(text)
    position = 0
    missing = []
    for piece in expected:
        found = haystack.find(squeeze(piece), position)
        if found < 0:
            missing.append(piece)
        else:
            position = found + len(squeeze(piece))
    return missing


@dataclass
class FontUse:
    base_font: str
    embedded: bool


def _fonts_in(resources, seen: set[int]) -> list[FontUse]:
    uses = []
    for reference in resources.get("/Font", {}).values():
        font = reference.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        uses.append(FontUse(base_font=str(font["/BaseFont"]), embedded=embedded))
    # Form XObjects (an SVG chart, for one) carry resources of their own.
    for reference in resources.get("/XObject", {}).values():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject and id(xobject) not in seen:
            seen.add(id(xobject))
            uses.extend(_fonts_in(xobject["/Resources"].get_object(), seen))
    return uses


def fonts_used(pdf: bytes) -> list[FontUse]:
    """Every font the pages draw with (Type0 fonts through their descendant CID font)."""
    uses = []
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        uses.extend(_fonts_in(page["/Resources"].get_object(), seen))
    return uses
