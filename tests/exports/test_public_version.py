"""The public version of a meeting: a reader who is not a participant finds no one's name in any
format; participants read the names as printed."""

import io

import docx
import pytest
from django.urls import reverse

from apps.directory.models import Person
from apps.meetings.models import Meeting, Statement
from apps.meetings.naming import SpeakerNames
from tests.api.conftest import make_token
from tests.reports.pdf import page_texts, squeeze

from .conftest import publish

pytestmark = pytest.mark.django_db
Naming = Meeting.SpeakerNaming


def people_names(meeting: Meeting) -> list[str]:
    """Every form in which the record prints a person: 相田座長, 小林 宏, 小林, 北構成員."""
    names: set[str] = set()
    attendances = meeting.attendances.exclude(person=None).select_related("person")
    for person, role in [(a.person, a.role_label) for a in attendances] + [
        (s.speaker, "") for s in Statement.objects.filter(agenda_item__meeting=meeting).exclude(speaker=None)
    ]:
        names.add(person.family_name + role)
        names.add(squeeze(person.full_name))
        if len(person.family_name) > 1:
            names.add(person.family_name)
    names.discard("")
    assert {"相田座長", "藤井", "小林宏", "北構成員", "森山"} <= names  # the reference's people are all there
    return sorted(names)


def everything_a_reader_gets(client, meeting: Meeting, django_capture_on_commit_callbacks) -> dict[str, str]:
    html = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        job = client.post(reverse("portal:request_pdf", args=[meeting.pk])).json()
    job = client.get(job["status_url"]).json()
    pdf = b"".join(client.get(job["download_url"]).streaming_content)
    document = docx.Document(io.BytesIO(client.get(reverse("exports:docx", args=[meeting.pk])).content))
    word = "\n".join(p.text for p in document.paragraphs)
    word += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    akn = client.get(reverse("exports:akn", args=[meeting.pk])).content.decode()
    # The API has no anonymous readers: a visitor there is a public dashboard's token.
    token = (
        {} if "_auth_user_id" in client.session else {"HTTP_AUTHORIZATION": f"Token {make_token('公開', meeting.body)}"}
    )
    api = client.get(f"/api/v1/meetings/{meeting.pk}/", **token).content.decode()
    api += client.get(f"/api/v1/statements/?meeting={meeting.pk}&page_size=100", **token).content.decode()
    api += client.get(f"/api/v1/statement-search/?meeting={meeting.pk}&page_size=100", **token).content.decode()
    return {"html": html, "pdf": "".join(page_texts(pdf)), "docx": word, "akn": akn, "api": api}


@pytest.mark.parametrize("naming", [Naming.CATEGORY, Naming.CATEGORY_WITH_ORGANIZATION, Naming.NONE])
def test_an_anonymous_reader_finds_no_ones_name_in_any_format(
    client, reference_meeting, naming, django_capture_on_commit_callbacks
):
    meeting = publish(reference_meeting, naming=naming)
    names = people_names(meeting)
    for format_, text in everything_a_reader_gets(client, meeting, django_capture_on_commit_callbacks).items():
        text = squeeze(text)
        found = [name for name in names if name in text]
        assert found == [], f"{format_} names {found}"
        assert "第１次報告書のとりまとめ" in text, format_  # the record itself is there
        if naming != Naming.NONE:
            assert "構成員" in text and "事業者" in text, format_


def test_the_categories_label_speakers_as_the_ministries_write_them(client, reference_meeting):
    meeting = publish(reference_meeting, naming=Naming.CATEGORY_WITH_ORGANIZATION)
    text = squeeze(client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode())
    assert "【構成員】" in text and "【事業者（NTTドコモ）】" in text and "【事務局】" in text
    assert "座長をはじめとしまして" in text  # 相田座長 in a statement's text keeps its role only


def test_participants_read_the_names_as_printed(
    client, personas, reference_meeting, django_capture_on_commit_callbacks
):
    meeting = publish(reference_meeting, naming=Naming.NONE)
    client.force_login(personas.member)
    for format_, text in everything_a_reader_gets(client, meeting, django_capture_on_commit_callbacks).items():
        text = squeeze(text)
        assert "藤井構成員" in text and "ＮＴＴドコモ（小林）" in text, format_


def test_the_named_pdf_of_an_anonymised_meeting_stays_with_the_participants(
    client, personas, reference_meeting, django_capture_on_commit_callbacks
):
    meeting = publish(reference_meeting, naming=Naming.CATEGORY)
    client.force_login(personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        named = client.post(reverse("portal:request_pdf", args=[meeting.pk])).json()
    client.logout()
    assert client.get(named["status_url"]).status_code == 404
    assert client.get(reverse("reports:download", args=[named["id"]])).status_code == 404


def test_the_api_does_not_tell_who_said_what_by_speaker_filter(client, reference_meeting):
    meeting = publish(reference_meeting, naming=Naming.CATEGORY)
    member = Person.objects.get(user__username="member")
    token = make_token("公開", meeting.body)
    response = client.get(f"/api/v1/statements/?speaker={member.pk}", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and response.json()["results"] == []
    response = client.get(f"/api/v1/statement-search/?speaker={member.pk}", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and response.json()["results"] == []
    assert Statement.objects.filter(agenda_item__meeting=meeting, speaker=member).exists()


def test_a_meeting_as_printed_reads_the_same_for_everyone(reference_meeting):
    meeting = publish(reference_meeting)
    names = SpeakerNames.for_meeting(meeting, public=True)
    statement = Statement.objects.filter(agenda_item__meeting=meeting).first()
    assert names.as_printed and names.speaker(statement) == statement.speaker_label


def test_the_search_and_the_issue_pages_show_the_public_version_too(client, reference_meeting):
    from apps.deliberation.models import Issue, IssueStatement

    meeting = publish(reference_meeting, naming=Naming.CATEGORY)
    names = people_names(meeting)
    issue = Issue.objects.create(body=meeting.body, code="I-001", title="IoT優先度", raised_in=meeting)
    for statement in Statement.objects.filter(agenda_item__meeting=meeting)[:10]:
        IssueStatement.objects.create(issue=issue, statement=statement)
    search = client.get(reverse("register:search"), {"q": "ローミング", "body": meeting.body.pk}).content.decode()
    page = client.get(reverse("register:issue", args=[issue.pk])).content.decode()
    # The record on these pages (the search form's speaker list is the directory, public as in the API).
    results = squeeze(search[search.index('<ol id="results"') :])
    history = squeeze(page[page.index('<ol id="history"') :])
    assert 'class="speaker">構成員</span>' in results and "【構成員】" in history
    for text in (results, history):
        assert [name for name in names if name in text] == []
    member = Person.objects.get(user__username="member")
    by_speaker = client.get(reverse("register:search"), {"q": "ローミング", "speaker": member.pk}).content.decode()
    # Who said it is not to be found by asking for the speaker.
    assert 'class="speaker"' not in by_speaker


def test_the_progress_report_quotes_an_anonymised_meeting_in_its_public_version(reference_meeting):
    import json

    from apps.deliberation.models import Issue, Position
    from apps.reports.selectors import progress_report_snapshot

    meeting = publish(reference_meeting, naming=Naming.CATEGORY)
    issue = Issue.objects.create(body=meeting.body, code="I-001", title="IoT優先度", raised_in=meeting)
    position = Position.objects.create(
        issue=issue, organization=meeting.body.host, meeting=meeting, stance=Position.Stance.CONSIDERING
    )
    position.statements.set(Statement.objects.filter(agenda_item__meeting=meeting)[:8])
    snapshot = progress_report_snapshot(meeting.body_id)
    quoted = snapshot["open_issues"][0]["stances"][0]["positions"][0]["statements"]
    assert len(quoted) == 8 and {q["speaker"] for q in quoted} <= {"構成員", "事業者", "事務局"}
    printed = squeeze(json.dumps(snapshot, ensure_ascii=False))
    assert [name for name in people_names(meeting) if name in printed] == []
