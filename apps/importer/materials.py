"""Material lists (配付資料): labelled (資料6-1 …), bracketed (【資料1】 …) or unlabelled lines."""

from __future__ import annotations

import re

from apps.importer.fields import FILE_NOTE_RE, MATERIAL_LINE_RE
from apps.importer.result import MaterialEntry, ParsedMinutes
from apps.importer.text import Line, join_lines, nfkc, table_row
from apps.importer.vocabulary import SPACES

# Sub-headings inside a list: 【資料】, 【参考資料】.
SUBHEADING_RE = re.compile(r"^[【\[]\s*(?:資料|参考資料|配付資料|配布資料)\s*[】\]]$")
# Labels that can be printed several to a line: 【資料1】 … 【資料2】 …
SPLIT_RE = re.compile(r"\s+(?=【(?:参考資料|追加資料|資料))")
NOTE_PREFIXES = ("※", "*", "＊")


def read_materials(result: ParsedMinutes, lines: list[Line]) -> None:
    """Each line of the list is a material, the wrapped end of the title above, a sub-heading or a note."""
    after_label = False  # the line above held a labelled material, with no blank line between
    for line in lines:
        if line.blank:
            after_label = False
            continue
        row = "|" in line.text or "｜" in line.text  # a table row is an entry of its own
        text = table_row(line.text) if row else line.text
        if text.startswith(NOTE_PREFIXES):
            result.unplace(line.number, line.text, "配付資料一覧の注記")
            after_label = False
            continue
        result.place(line.number, "material")
        if SUBHEADING_RE.match(nfkc(text)):
            continue
        for part in SPLIT_RE.split(text):
            after_label = _read_entry(result, part, line, continues=after_label and not row)


def _read_entry(result: ParsedMinutes, text: str, line: Line, *, continues: bool) -> bool:
    """Read one entry; True if it was labelled (the next line may continue its title)."""
    normalized = nfkc(text)
    m = MATERIAL_LINE_RE.match(normalized)
    if m:
        # Positions in the NFKC text match the printed one unless NFKC changed its length.
        printed = text if len(normalized) == len(text) else normalized
        label = printed[m.start(1) : m.end(1)].strip(SPACES)
        title = FILE_NOTE_RE.sub("", printed[m.start(2) : m.end(2)]).strip(SPACES + ":：") or None
        result.materials.append(MaterialEntry(label, title, line.number))
        return True
    title = FILE_NOTE_RE.sub("", text).strip(SPACES)
    if not title:
        return False
    if continues and result.materials and not FILE_NOTE_RE.search(text):
        last = result.materials[-1]  # a title wrapped onto the next line
        last.title = join_lines(last.title or "", title) or None
        return True
    # A document listed without a label: its title is the only label it has.
    result.materials.append(MaterialEntry(title[:50], title, line.number))
    return False
