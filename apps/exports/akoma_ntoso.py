"""A meeting as an Akoma Ntoso 3.0 debate (OASIS LegalDocML), valid against schemas/akn/.

Read from the same record as the portal page (apps.minutes.selectors.meeting_record), with
the names its reader may see (apps.meetings.naming). The preface holds what the 議事要旨 prints
before the agenda (title, date and time, venue, attendance, materials); each agenda item is a
debateSection with its num and heading, its proceedings as narrative, each statement as a
speech, question or answer with `by` and `<from>` as printed, and its decisions as summaries.
apps.importer.akn reads it back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone
from lxml import etree
from lxml.builder import ElementMaker

from apps.meetings.models import Attendance, Meeting, Statement
from apps.meetings.naming import CATEGORY_LABELS, UNNAMED_SPEAKER, SpeakerNames
from apps.reports.selectors.formatting import ATTENDANCE_HEADINGS, era_datetime_range, host_ministry_name

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "akn" / "akomantoso30.xsd"
A = ElementMaker(namespace=AKN_NAMESPACE, nsmap={None: AKN_NAMESPACE})
SPEECH_ELEMENTS: dict[str, str] = {Statement.Kind.QUESTION: "question", Statement.Kind.ANSWER: "answer"}


def work_uri(meeting: Meeting) -> str:
    """/akn/jp/debate/body-3/2022-12-20/6: country, type, author (the body), date, number."""
    return f"/akn/jp/debate/body-{meeting.body_id}/{_local(meeting.starts_at).date().isoformat()}/{meeting.number}"


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


class _References:
    """TLCPerson, TLCOrganization and TLCRole entries, made as the document names them."""

    def __init__(self) -> None:
        self.elements: dict[str, etree._Element] = {}

    def _add(self, tag: str, eid: str, kind: str, key: str, show_as: str) -> str:
        if eid not in self.elements:
            href = f"/ontology/{kind}/jp/{key}"
            self.elements[eid] = A(tag, eId=eid, href=href, showAs=show_as)
        return "#" + eid

    def person(self, pk: int, name: str) -> str:
        return self._add("TLCPerson", f"person_{pk}", "person", str(pk), name)

    def speaker(self, label: str, index: int) -> str:
        """A speaker the record links to no person: known by the label as printed."""
        return self._add("TLCPerson", f"speaker_{index}", "person", f"speaker-{index}", label)

    def organization(self, pk: int, name: str) -> str:
        return self._add("TLCOrganization", f"organization_{pk}", "organization", str(pk), name)

    def all(self) -> list[etree._Element]:
        order = {"TLCOrganization": 0, "TLCPerson": 1, "TLCRole": 2}  # the schema's sequence
        return sorted(self.elements.values(), key=lambda e: order[etree.QName(e).localname])


def _role_ref(refs: _References, label: str) -> str:
    existing = {e.get("showAs"): e.get("eId") for e in refs.elements.values() if e.tag.endswith("TLCRole")}
    if label in existing:
        return "#" + existing[label]
    eid = f"role_{sum(1 for e in refs.elements.values() if e.tag.endswith('TLCRole')) + 1}"
    refs.elements[eid] = A.TLCRole(eId=eid, href=f"/ontology/role/jp/{eid}", showAs=label)
    return "#" + eid


def _attendee(attendance: Attendance, names: SpeakerNames, refs: _References) -> etree._Element:
    person, organization = attendance.person, attendance.organization
    paragraph = A.p(**{"class": "absentee" if attendance.presence == Attendance.Presence.ABSENT else "attendee"})
    public_name = names.attendee(attendance)
    if public_name is not None:
        # The public version names roles and organizations only.
        if attendance.category == Attendance.Category.OPERATOR and organization is not None:
            paragraph.append(
                A.organization(organization.name, refersTo=refs.organization(organization.pk, organization.name))
            )
        else:
            paragraph.append(A.role(public_name, refersTo=_role_ref(refs, public_name)))
        return paragraph
    if organization is not None:
        paragraph.append(
            A.organization(organization.name, refersTo=refs.organization(organization.pk, organization.name))
        )
    if person is not None:
        paragraph.append(A.person(person.full_name, refersTo=refs.person(person.pk, person.full_name)))
    if attendance.role_label:
        paragraph.append(A.role(attendance.role_label, refersTo=_role_ref(refs, attendance.role_label)))
    return paragraph


def _attendance(meeting: Meeting, names: SpeakerNames, refs: _References) -> list[etree._Element]:
    headings = {category: heading or host_ministry_name(meeting.body) for category, heading in ATTENDANCE_HEADINGS}
    containers: list[etree._Element] = []
    current: etree._Element | None = None
    group: str | None = None
    for attendance in meeting.attendances.all():
        if current is None or current.get("class") != attendance.category:
            current = A.container(name="attendance", **{"class": attendance.category})
            current.append(A.p(headings[attendance.category], **{"class": "heading"}))
            containers.append(current)
            group = ""
        if attendance.group_label != group:
            group = attendance.group_label
            current.append(A.p(group, **{"class": "group"}))
        current.append(_attendee(attendance, names, refs))
    return containers


def _speaker_ref(statement: Statement, names: SpeakerNames, refs: _References, unlinked: dict[str, int]) -> str:
    if not names.as_printed:
        label = names.speaker(statement)
        organization = statement.speaker_organization
        if (
            label != UNNAMED_SPEAKER
            and organization is not None
            and label != CATEGORY_LABELS[names.category(statement)]
        ):
            return refs.organization(organization.pk, organization.name)
        return _role_ref(refs, label)
    if statement.speaker is not None:
        return refs.person(statement.speaker.pk, statement.speaker.full_name)
    index = unlinked.setdefault(statement.speaker_label, len(unlinked) + 1)
    return refs.speaker(statement.speaker_label, index)


def _paragraphs(text: str) -> list[str]:
    return [chunk.strip() for chunk in text.replace("\r\n", "\n").split("\n\n") if chunk.strip()]


def _debate_sections(meeting: Meeting, names: SpeakerNames, refs: _References) -> list[etree._Element]:
    sections = []
    unlinked: dict[str, int] = {}
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        eid = f"dbsect_{number}"
        section = A.debateSection(A.num(item.number_label), A.heading(item.title), eId=eid, name="agendaItem")
        materials = list(item.materials.all())
        if materials:
            refs_to = [A.ref(m.label, href=f"#material_{m.pk}") for m in materials]
            section.append(A.other(A.p(*refs_to, **{"class": "materials"})))
        for paragraph in _paragraphs(names.text(item.proceedings)):
            section.append(A.narrative(paragraph))
        for index, statement in enumerate(item.statements.all(), start=1):
            speech = A(
                SPEECH_ELEMENTS.get(statement.kind, "speech"),
                A("from", names.speaker(statement)),
                *[A.p(paragraph) for paragraph in _paragraphs(names.text(statement.text))],
                eId=f"{eid}__spc_{index}",
                by=_speaker_ref(statement, names, refs, unlinked),
            )
            speech.set("class", statement.kind)
            section.append(speech)
        for decision in item.decisions.all():
            section.append(A.summary(names.text(decision.text), **{"class": f"decision {decision.kind}"}))
        sections.append(section)
    return sections


def _preface(meeting: Meeting, names: SpeakerNames, refs: _References, title: str) -> etree._Element:
    start, end = _local(meeting.starts_at), _local(meeting.ends_at) if meeting.ends_at else None
    when = A.p(
        A.docDate(era_datetime_range(meeting.starts_at, meeting.ends_at), date=start.date().isoformat()),
        **{"class": "when"},
    )
    when.append(A.time(start.strftime("%H:%M"), time=start.isoformat()))
    if end is not None:
        when.append(A.time(end.strftime("%H:%M"), time=end.isoformat()))
    preface = A.preface(A.p(A.docTitle(title), **{"class": "title"}), when)
    if meeting.venue:
        preface.append(A.p(A.location(meeting.venue, refersTo="#venue"), **{"class": "venue"}))
    preface.extend(_attendance(meeting, names, refs))
    materials = list(meeting.materials.all())
    if materials:
        container = A.container(name="materials")
        for material in materials:
            entry = A.p(A.docNumber(material.label), eId=f"material_{material.pk}", **{"class": "material"})
            if material.title:
                entry.append(A.docTitle(material.title))
            container.append(entry)
        preface.append(container)
    return preface


def _identification(meeting: Meeting, names: SpeakerNames, today: dt.date) -> etree._Element:
    work = work_uri(meeting)
    held = _local(meeting.starts_at).date().isoformat()
    minutes = getattr(meeting, "minutes", None)
    published = minutes.published_at if minutes is not None and minutes.published_at else None
    version = _local(published).date().isoformat() if published else held
    # The public version is a content variant of the minutes: an expression of its own.
    expression = f"{work}/jpn@{version}" + ("" if names.as_printed else f"!public-{names.naming}")
    return A.identification(
        A.FRBRWork(
            A.FRBRthis(value=f"{work}/!main"),
            A.FRBRuri(value=work),
            A.FRBRdate(date=held, name="meeting"),
            A.FRBRauthor(href=f"#body_{meeting.body_id}"),
            A.FRBRcountry(value="jp"),
            A.FRBRnumber(value=str(meeting.number)),
        ),
        A.FRBRExpression(
            A.FRBRthis(value=f"{expression}/!main"),
            A.FRBRuri(value=expression),
            A.FRBRdate(date=version, name="published" if published else "meeting"),
            A.FRBRauthor(href=f"#body_{meeting.body_id}"),
            A.FRBRlanguage(language="jpn"),
        ),
        A.FRBRManifestation(
            A.FRBRthis(value=f"{expression}/!main.xml"),
            A.FRBRuri(value=f"{expression}.akn"),
            A.FRBRdate(date=today.isoformat(), name="generation"),
            A.FRBRauthor(href="#shingi"),
        ),
        source="#shingi",
    )


def meeting_akn(meeting: Meeting, *, names: SpeakerNames, title: str) -> bytes:
    """The debate as UTF-8 XML. `meeting` comes from meeting_record(); `title` is its heading
    (apps.reports.selectors.meeting_heading)."""
    refs = _References()
    body_ref = A.TLCOrganization(
        eId=f"body_{meeting.body_id}",
        href=f"/ontology/organization/jp/body-{meeting.body_id}",
        showAs=meeting.body.name,
    )
    source_ref = A.TLCOrganization(eId="shingi", href="/ontology/organization/jp/shingi", showAs="Shingi")
    preface = _preface(meeting, names, refs, title)
    sections = _debate_sections(meeting, names, refs)
    references = A.references(source_ref, body_ref, source="#shingi")
    if meeting.venue:
        references.append(A.TLCLocation(eId="venue", href="/ontology/location/jp/venue", showAs=meeting.venue))
    references.extend(refs.all())
    meta = A.meta(_identification(meeting, names, timezone.localdate()), references)
    debate = A.debate(meta, preface, A.debateBody(*sections), name="minutes")
    return etree.tostring(A.akomaNtoso(debate), xml_declaration=True, encoding="UTF-8", pretty_print=True)
