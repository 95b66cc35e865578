"""Lines and paragraphs: text extracted from PDFs and Word files, made into clean paragraphs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from apps.importer.vocabulary import DASHES, SPACES

D = "[0-9０-９]"  # a digit, half- or full-width
# A web page's list markers: bullets, and an ordered list's number before a printed one (1. (1)議題).
LIST_MARKER_RE = re.compile(
    rf"^(?:[•●]|-(?=\s)|{D}{{1,2}}\.(?=\s+(?:{D}{{1,2}}\s*[.．]|[(（]\s*{D}|参考資料|資料)))\s*"
)
PAGE_NUMBER_RE = re.compile(rf"^[{DASHES}\s]*{D}{{1,3}}[{DASHES}\s]*$|^{D}{{1,3}}\s*/\s*{D}{{1,3}}$")
SENTENCE_END = "。．.！？!?」』）)"


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """NFKC without any whitespace, the form labels are compared in."""
    return re.sub(r"\s+", "", nfkc(text))


@lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def join_lines(left: str, right: str) -> str:
    """Join a hard-wrapped line: no space between Japanese characters, one between words."""
    if not left:
        return right
    if not right:
        return left
    if left[-1].isascii() and right[0].isascii() and left[-1].isalnum() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def clean_inline(text: str) -> str:
    """Drop stray spaces between Japanese characters (PDF extraction artefacts)."""
    return re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])", "", text).strip()


# --- Lines ----------------------------------------------------------------------------------


@dataclass
class Line:
    number: int  # 1-based line number in the file
    text: str  # stripped; "" for a blank line
    indented: bool = False  # starts with a space that opens a paragraph (not a page-break artefact)
    indent: int = 0  # display width of the leading spaces (nesting of lists copied from web pages)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Lines with their numbers; blank lines and page-break artefacts made explicit.

    Text extracted from PDFs is often double-spaced (every line followed by an empty line),
    with paragraph breaks as lines holding a single space; across a page break the empty line
    is missing and the next line keeps a spurious leading space.
    """
    raw = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    contents = [i for i, r in enumerate(raw) if r.strip(SPACES + "\f")]
    followed_by_empty = sum(1 for i in contents if i + 1 < len(raw) and raw[i + 1] == "")
    double_spaced = len(contents) >= 4 and followed_by_empty >= 0.6 * len(contents)

    lines: list[Line] = []
    after_break = False  # the next content line continues across a page break
    previous_raw = ""
    for index, original in enumerate(raw):
        number = index + 1
        if "\f" in original:
            after_break = True
            original = original.replace("\f", "")
        stripped = original.strip(SPACES)
        if double_spaced and original == "":
            previous_raw = original
            continue
        if not stripped:
            lines.append(Line(number, ""))
            previous_raw = original
            continue
        if PAGE_NUMBER_RE.match(stripped):
            after_break = True
            continue
        continuation = after_break or (double_spaced and previous_raw.strip(SPACES) != "")
        indented = original[:1] in SPACES and not continuation
        indent = display_width(original[: len(original) - len(original.lstrip(SPACES))])
        stripped = LIST_MARKER_RE.sub("", stripped) or stripped
        lines.append(Line(number, stripped, indented, indent))
        after_break = False
        previous_raw = original
    return lines


def table_row(text: str) -> str:
    """`| 日時 | 令和4年… |` → `日時 令和4年…`; separator rows → ""."""
    cells = [c.strip(SPACES) for c in re.split(r"[|｜]", text)]
    cells = [c for c in cells if c]
    if all(re.fullmatch(r"[-:：ー－\s]+", c) for c in cells):
        return ""
    return " ".join(cells)


# --- Paragraphs -----------------------------------------------------------------------------


class ParagraphBuilder:
    """Hard-wrapped lines → paragraphs separated by a blank line."""

    def __init__(self, wrap_width: int | None) -> None:
        self.wrap_width = wrap_width
        self.reset()

    def reset(self) -> None:
        self.paragraphs: list[str] = []
        self.current = ""
        self.last_line = ""

    def add(self, line: Line) -> None:
        if line.blank:
            self.flush()
            return
        if self.current and (line.indented or self._ended_paragraph(self.last_line)):
            self.flush()
        self.current = join_lines(self.current, line.text)
        self.last_line = line.text

    def _ended_paragraph(self, previous: str) -> bool:
        if self.wrap_width is None:  # not hard-wrapped: a line ending a sentence ends its paragraph
            return previous.endswith(tuple(SENTENCE_END))
        return previous.endswith(tuple(SENTENCE_END)) and display_width(previous) < 0.85 * self.wrap_width

    def flush(self) -> None:
        if self.current:
            self.paragraphs.append(clean_inline(self.current))
        self.current = ""
        self.last_line = ""

    def text(self) -> str | None:
        self.flush()
        return "\n\n".join(self.paragraphs) or None


def wrap_width_of(lines: list[Line]) -> int | None:
    """The width text was hard-wrapped at, or None if lines are whole paragraphs."""
    widths = sorted(display_width(line.text) for line in lines if len(line.text) >= 15)
    if len(widths) < 5:
        return None
    widest = widths[int(len(widths) * 0.95) - 1] if len(widths) >= 20 else widths[-1]
    near = sum(1 for w in widths if w >= 0.8 * widest)
    return widest if near >= 0.5 * len(widths) else None
