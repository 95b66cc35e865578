"""Read an Akoma Ntoso 3.0 debate (as Shingi writes it, apps.exports.akoma_ntoso) into the parse result.

Plain Python like the text parser: the same dataclasses come out, so the same service stores
them. Bad input is a MinutesError naming the element and its line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from apps.importer.result import AgendaEntry, Attendee, MaterialEntry, MinutesError, ParsedMinutes, StatementEntry

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
SPEECHES = {AKN + "speech", AKN + "question", AKN + "answer"}
# Larger files are not minutes of one meeting; refuse before parsing them.
MAX_BYTES = 20 * 1024 * 1024


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _required(parent: etree._Element, path: str) -> etree._Element:
    found = parent.find(path)
    if found is None:
        tag = path.replace(AKN, "").replace(".//", "")
        raise MinutesError(f"Akoma Ntoso: <{tag}> is missing", line=parent.sourceline)
    return found


def _attendee(paragraph: etree._Element, category: str, group: str) -> Attendee:
    person = _text(paragraph.find(AKN + "person")) or None
    organization = _text(paragraph.find(AKN + "organization")) or None
    role = _text(paragraph.find(AKN + "role")) or None
    name = person or organization or role
    if name is None:
        raise MinutesError("Akoma Ntoso: an attendee names no person, organization or role", line=paragraph.sourceline)
    return Attendee(
        name=name, role=role, organization=organization, category=category, group=group, line=paragraph.sourceline
    )


def _preface(preface: etree._Element, parsed: ParsedMinutes) -> None:
    parsed.title = _text(_required(preface, f".//{AKN}docTitle"))
    date = _required(preface, f".//{AKN}docDate")
    try:
        parsed.date = dt.date.fromisoformat(date.get("date", ""))
        times = [dt.datetime.fromisoformat(t.get("time", "")) for t in preface.iterfind(f".//{AKN}time")]
    except ValueError as exc:
        raise MinutesError(f"Akoma Ntoso: a date or time is not ISO 8601 ({exc})", line=date.sourceline) from exc
    if times:
        parsed.start_time = times[0].time().replace(tzinfo=None)
    if len(times) > 1:
        parsed.end_time = times[1].time().replace(tzinfo=None)
    parsed.venue = _text(preface.find(f".//{AKN}location")) or None
    for container in preface.iterfind(AKN + "container"):
        if container.get("name") == "materials":
            for entry in container.iterfind(AKN + "p"):
                title = _text(entry.find(AKN + "docTitle")) or None
                parsed.materials.append(
                    MaterialEntry(label=_text(entry.find(AKN + "docNumber")), title=title, line=entry.sourceline)
                )
            continue
        category, group = container.get("class", "other"), ""
        for paragraph in container.iterfind(AKN + "p"):
            kind = paragraph.get("class")
            if kind == "group":
                group = _text(paragraph)
            elif kind in {"attendee", "absentee"}:
                attendee = _attendee(paragraph, category, group)
                (parsed.attendees if kind == "attendee" else parsed.absentees).append(attendee)


def _agenda_item(section: etree._Element) -> AgendaEntry:
    item = AgendaEntry(
        number=_text(section.find(AKN + "num")) or None,
        title=_text(_required(section, AKN + "heading")),
        line=section.sourceline,
    )
    proceedings = []
    for child in section:
        if child.tag == AKN + "narrative":
            proceedings.append(_text(child))
        elif child.tag == AKN + "other":
            item.materials.extend(_text(ref) for ref in child.iterfind(f".//{AKN}ref"))
        elif child.tag in SPEECHES:
            speaker = _text(_required(child, AKN + "from"))
            paragraphs = [_text(p) for p in child.iterfind(AKN + "p")]
            item.statements.append(StatementEntry(speaker=speaker, text="\n\n".join(paragraphs), line=child.sourceline))
    item.proceedings = "\n\n".join(proceedings) or None
    return item


def read_akn(data: bytes, *, name: str = "input") -> ParsedMinutes:
    if len(data) > MAX_BYTES:
        raise MinutesError(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB", line=1)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MinutesError(f"{name} is not well-formed XML: {exc.msg}", line=exc.lineno) from exc
    debate = root.find(AKN + "debate")
    if root.tag != AKN + "akomaNtoso" or debate is None:
        raise MinutesError(f"{name} is not an Akoma Ntoso 3.0 debate", line=root.sourceline)
    parsed = ParsedMinutes()
    _preface(_required(debate, AKN + "preface"), parsed)
    body = _required(debate, AKN + "debateBody")
    parsed.agenda_items = [_agenda_item(section) for section in body.iterfind(AKN + "debateSection")]
    return parsed


def read_akn_file(path: str | Path) -> ParsedMinutes:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise MinutesError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB", line=1)
        return read_akn(path.read_bytes(), name=path.name)
    except OSError as exc:
        raise MinutesError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
