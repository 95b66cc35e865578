"""Word minutes read back with python-docx: the PDF's content in its order, headings, Japanese fonts."""

import io

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from apps.exports.word import MINCHO
from tests.reports.pdf import missing_in_order
from tests.reports.reference import read_reference

pytestmark = pytest.mark.django_db


def docx_of(client, meeting) -> docx.document.Document:
    response = client.get(reverse("exports:docx", args=[meeting.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    return docx.Document(io.BytesIO(response.content))


def test_the_reference_minutes_in_word_follow_the_pdf_in_content_and_order(client, published_reference):
    document = docx_of(client, published_reference)
    text = "\n".join(p.text for p in document.paragraphs)
    reference = read_reference()
    expected = [
        reference.title,
        "議事要旨",
        "１　日時",
        "令和4年12月20日（火）15時00分～16時57分",
        "２　場所",
        "Web開催",
    ]
    expected += ["３　出席者", "（１）構成員", "、".join(reference.members)] + reference.operators
    expected += ["４　議事"]
    for item in reference.agenda:
        expected.append(item.number + item.title)
        expected += item.proceedings
        for statement in item.statements:
            expected.append(f"【{statement.speaker}】")
            expected += statement.paragraphs
    expected.append("以上")
    assert missing_in_order(text, expected) == []


def test_headings_are_word_heading_styles_and_the_text_is_in_a_named_japanese_font(client, published_reference):
    document = docx_of(client, published_reference)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", read_reference().title)
    assert ("Heading 1", "４　議事") in headings
    assert ("Heading 2", "（２）第１次報告書のとりまとめ") in headings
    assert ("Heading 2", "（１）構成員") in headings
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == MINCHO, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would win over the name


def test_a_draft_carries_its_mark_and_is_for_participants_only(client, personas, reference_meeting):
    url = reverse("exports:docx", args=[reference_meeting.pk])
    assert client.get(url).status_code == 404
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    client.force_login(personas.member)
    document = docx_of(client, reference_meeting)
    assert document.paragraphs[0].text == "案"
