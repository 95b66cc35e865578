"""Akoma Ntoso 3.0: valid against the OASIS schema kept in the repository, and read back equal."""

from functools import lru_cache

import pytest
from django.urls import reverse
from lxml import etree

from apps.directory.models import Body
from apps.exports.akoma_ntoso import AKN_NAMESPACE, SCHEMA_PATH
from apps.importer.akn import read_akn
from apps.importer.parser import parse_minutes
from apps.importer.result import MinutesError
from apps.importer.services import minutes_file_import
from apps.importer.sources import read_minutes_text
from apps.meetings.models import Meeting, Statement
from tests.reports.reference import REFERENCE_TEXT, read_reference

pytestmark = pytest.mark.django_db
NS = {"a": AKN_NAMESPACE}


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    # The import of xml.xsd resolves beside the main schema: no network.
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), etree.XMLParser(no_network=True)))


def valid(xml: bytes) -> etree._Element:
    document = etree.fromstring(xml)
    assert schema().validate(document), [str(e) for e in schema().error_log][:5]
    return document


def akn_of(client, meeting: Meeting) -> bytes:
    response = client.get(reverse("exports:akn", args=[meeting.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/akn+xml")
    return response.content


def test_the_reference_meeting_is_a_valid_debate_with_sections_speeches_and_references(client, published_reference):
    document = valid(akn_of(client, published_reference))
    work = document.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRcountry", NS).get("value") == "jp"
    assert document.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "jpn"
    assert document.find(".//a:FRBRManifestation/a:FRBRthis", NS).get("value").endswith(".xml")
    reference = read_reference()
    sections = document.findall(".//a:debateBody/a:debateSection", NS)
    assert [(s.findtext("a:num", namespaces=NS), s.findtext("a:heading", namespaces=NS)) for s in sections] == [
        (item.number, item.title) for item in reference.agenda
    ]
    speeches = [e for s in sections for e in s if etree.QName(e).localname in {"speech", "question", "answer"}]
    assert [e.findtext("a:from", namespaces=NS) for e in speeches] == [
        statement.speaker for item in reference.agenda for statement in item.statements
    ]
    assert {etree.QName(e).localname for e in speeches} == {"speech", "question", "answer"}
    people = {"#" + p.get("eId"): p.get("showAs") for p in document.iterfind(".//a:TLCPerson", NS)}
    first = speeches[0]
    assert people[first.get("by")] == "小林 宏"  # ＮＴＴドコモ（小林） is a person of the directory
    assert document.find(".//a:TLCOrganization[@showAs='株式会社NTTドコモ']", NS) is not None
    assert document.find(".//a:TLCRole[@showAs='座長']", NS) is not None


def test_a_generated_meeting_with_decisions_and_every_kind_of_statement_is_valid(client, personas):
    from tests.minutes.record import build_record

    record = build_record(personas, number=3)
    Statement.objects.filter(pk=record.member_statement.pk).update(kind=Statement.Kind.QUESTION)
    Statement.objects.filter(pk=record.operator_statement.pk).update(kind=Statement.Kind.ANSWER)
    client.force_login(personas.member)
    document = valid(akn_of(client, record.meeting))
    section = document.find(".//a:debateSection", NS)
    assert [etree.QName(e).localname for e in section if e.get("by")] == [
        "question",
        "answer",
        "speech",
        "speech",
        "speech",
    ]
    unlinked = section.findall("a:speech", NS)[-1]  # 事務局, linked to no person: a TLCPerson of its label
    assert document.find(f".//a:TLCPerson[@eId='{unlinked.get('by')[1:]}']", NS).get("showAs") == "事務局"
    assert [s.text for s in section.findall("a:summary", NS)] == [record.decision.text]


def test_the_akn_read_back_is_the_parse_of_the_original_text(client, published_reference):
    parsed_text = parse_minutes(read_minutes_text(REFERENCE_TEXT))
    parsed_akn = read_akn(akn_of(client, published_reference))
    original, again = parsed_text.to_dict(), parsed_akn.to_dict()
    for key in ("title", "date", "start_time", "end_time", "venue", "attendees", "absentees", "materials"):
        assert again[key] == original[key], key
    assert again["agenda_items"] == original["agenda_items"]


def record_of(meeting: Meeting) -> dict:
    """What a meeting holds, by names rather than ids: another body's import makes people of its own."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    return {
        "meeting": (meeting.number, meeting.starts_at, meeting.ends_at, meeting.venue),
        "attendance": [
            (a.category, a.group_label, a.person and a.person.full_name, str(a.organization), a.role_label, a.presence)
            for a in meeting.attendances.select_related("person", "organization").order_by("order", "id")
        ],
        "materials": list(meeting.materials.order_by("sort_key").values_list("label", "title")),
        "agenda": [
            (
                item.number_label,
                item.title,
                item.proceedings,
                sorted(item.materials.values_list("label", flat=True)),
                [
                    (s.speaker_label, s.speaker and s.speaker.full_name, str(s.speaker_organization), s.kind, s.text)
                    for s in item.statements.select_related("speaker", "speaker_organization").order_by("order")
                ],
            )
            for item in meeting.agenda_items.order_by("order")
        ],
    }


def test_importing_the_akn_gives_back_the_same_meeting(client, personas, published_reference, tmp_path):
    path = tmp_path / "minutes.xml"
    path.write_bytes(akn_of(client, published_reference))
    body = Body.objects.create(name="ローミング検討会（再取込）", host=personas.ministry)
    again = minutes_file_import(path=path, body_name=body.name)
    assert again.pk != published_reference.pk
    assert record_of(again) == record_of(published_reference)


def test_the_import_command_takes_an_akn_file(client, published_reference, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "minutes.xml"
    path.write_bytes(akn_of(client, published_reference))
    call_command("import_minutes", str(path), "--body", "再取込の検討会", "--create-body")
    assert Meeting.objects.filter(body__name="再取込の検討会", number=6).exists()


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<akomaNtoso", "not well-formed XML"),
        (b"<html/>", "not an Akoma Ntoso 3.0 debate"),
        (f'<akomaNtoso xmlns="{AKN_NAMESPACE}"><debate><preface/></debate></akomaNtoso>'.encode(), "<docTitle>"),
    ],
)
def test_a_broken_file_is_refused_with_what_is_wrong(xml, message):
    with pytest.raises(MinutesError) as error:
        read_akn(xml)
    assert message in str(error.value) and error.value.line


def test_drafts_are_404_to_visitors_and_the_other_body(client, personas, reference_meeting):
    url = reverse("exports:akn", args=[reference_meeting.pk])
    assert client.get(url).status_code == 404
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    client.force_login(personas.member)
    assert client.get(url).status_code == 200
