"""Checks after reading: cited materials, speakers named in the attendance, empty agenda items."""

from __future__ import annotations

from apps.importer.fields import cited_materials, material_key, material_sort_key
from apps.importer.people import speaker_warnings
from apps.importer.result import MaterialEntry, MinutesError, ParsedMinutes, ParseWarning
from apps.importer.text import compact
from apps.importer.vocabulary import OPENING_CLOSING


def finish(result: ParsedMinutes, *, listed_materials: bool) -> None:
    """Link each item to the materials its text cites, then check what was read."""
    for item in result.agenda_items:
        texts = [item.proceedings or ""] + [s.text for s in item.statements]
        labels: list[str] = []
        for text in texts:
            for label in cited_materials(text):
                if material_key(label) not in {material_key(x) for x in labels}:
                    labels.append(label)
        item.materials = labels
    if not result.date and not result.agenda_items and not result.attendees:
        raise MinutesError("no minutes structure found (no date, attendee list, agenda heading or statement)", line=1)
    if not result.agenda_items and not result.date:
        raise MinutesError("no minutes structure found (no date and no agenda)", line=1)
    _check_materials(result, listed_materials=listed_materials)
    result.warnings.extend(speaker_warnings(result))
    _check_headings(result)


def _check_materials(result: ParsedMinutes, *, listed_materials: bool) -> None:
    listed = {material_key(m.label) for m in result.materials}
    for item in result.agenda_items:
        for label in item.materials:
            key = material_key(label)
            if key in listed:
                continue
            if listed_materials:
                result.warnings.append(
                    ParseWarning(item.line, f"資料「{label}」が引用されていますが、配布資料にありません")
                )
            else:  # no list printed: the citations are the list
                result.materials.append(MaterialEntry(label, None, item.line))
            listed.add(key)
    if not listed_materials:
        result.materials.sort(key=lambda m: material_sort_key(m.label))


def _check_headings(result: ParsedMinutes) -> None:
    for item in result.agenda_items:
        if item.number is None or item.proceedings or item.statements:
            continue
        if compact(item.title) in OPENING_CLOSING:
            continue
        result.warnings.append(ParseWarning(item.line, f"議事「{item.title}」に議事の内容がありません"))
