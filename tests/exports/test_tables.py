"""Spreadsheets from the portal and the API, read back with openpyxl and csv."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from apps.deliberation.models import Issue, Position
from apps.meetings.models import Meeting, Statement
from tests.reports.reference import read_reference

from .conftest import publish

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_statements_of_a_meeting_in_both_formats_hold_every_statement_in_order(client, published_reference):
    url = reverse("export-statements") + f"?meeting={published_reference.pk}"
    expected = [(s.speaker, "\n\n".join(s.paragraphs)) for item in read_reference().agenda for s in item.statements]
    for rows in (read_csv(client.get(url + "&format=csv")), read_xlsx(client.get(url, HTTP_ACCEPT=XLSX))):
        assert rows[0] == ["会議体", "回", "開催日", "議題番号", "議題", "順序", "発言者", "種別", "発言"]
        assert [(row[6], row[8]) for row in rows[1:]] == expected
        assert str(rows[1][1]) == "6" and rows[1][2] == "2022-12-20"


def test_a_search_lists_the_statements_found_with_their_meeting(client, published_reference):
    rows = read_csv(client.get(reverse("export-statements"), {"q": "ローミング", "format": "csv"}))
    count = Statement.objects.filter(agenda_item__meeting=published_reference, text__contains="ローミング").count()
    assert len(rows) - 1 == count > 0
    assert all("ローミング" in row[8] for row in rows[1:])


def test_an_anonymised_meeting_lists_categories_and_no_names(client, reference_meeting):
    meeting = publish(reference_meeting, naming=Meeting.SpeakerNaming.CATEGORY)
    rows = read_csv(client.get(reverse("export-statements"), {"meeting": meeting.pk, "format": "csv"}))
    assert {row[6] for row in rows[1:]} == {"構成員", "事業者", "事務局"}
    attendance = read_csv(client.get(reverse("export-attendance"), {"meeting": meeting.pk, "format": "csv"}))
    assert {row[2] for row in attendance[1:]} == {""}  # 氏名
    assert "株式会社NTTドコモ" in {row[3] for row in attendance[1:]}


def test_attendance_lists_everyone_in_print_order(client, personas, published_reference):
    rows = read_xlsx(client.get(reverse("export-attendance"), {"meeting": published_reference.pk, "format": "xlsx"}))
    assert rows[0] == ["区分", "グループ", "氏名", "所属", "役職", "出欠"]
    assert [row[4] for row in rows[1:3]] == ["座長", "座長代理"]
    assert rows[15][2:4] == ["小林 宏", "株式会社NTTドコモ"]
    assert len(rows) - 1 == published_reference.attendances.count()


def test_the_register_and_the_matrix(client, personas, published_reference):
    issue = Issue.objects.create(
        body=personas.study_group, code="I-001", title="IoT優先度", raised_in=published_reference
    )
    Position.objects.create(
        issue=issue, organization=personas.ministry, meeting=published_reference, stance=Position.Stance.CONSIDERING
    )
    register = read_csv(client.get(reverse("export-issues"), {"body": personas.study_group.pk, "format": "csv"}))
    assert register[0][:3] == ["コード", "件名", "状態"] and register[1][:2] == ["I-001", "IoT優先度"]
    matrix = read_xlsx(client.get(reverse("export-matrix"), {"body": personas.study_group.pk, "format": "xlsx"}))
    assert matrix[0] == ["コード", "件名", "総務省"]
    assert matrix[1] == ["I-001", "IoT優先度", str(dict(Position.Stance.choices)[Position.Stance.CONSIDERING])]


def test_drafts_stay_with_participants_and_bad_parameters_say_what_is_wrong(client, personas, reference_meeting):
    url = reverse("export-statements")
    assert client.get(url, {"meeting": reference_meeting.pk, "format": "csv"}).status_code == 404
    client.force_login(personas.member)
    assert client.get(url, {"meeting": reference_meeting.pk, "format": "csv"}).status_code == 200
    response = client.get(url, {"meeting": "x"})
    assert response.status_code == 400 and "meeting" in response.json()["error"]["fields"]
    response = client.get(reverse("export-issues"))
    assert response.status_code == 400 and "body" in response.json()["error"]["fields"]


def test_more_rows_than_the_limit_are_refused_naming_it(client, published_reference, monkeypatch):
    monkeypatch.setattr("apps.exports.tables.MAX_ROWS", 10)
    monkeypatch.setattr("apps.exports.api.MAX_ROWS", 10)
    response = client.get(reverse("export-statements"), {"meeting": published_reference.pk})
    assert response.status_code == 400
    assert "more than 10 rows" in str(response.json()) and "EXPORTS_MAX_ROWS" in str(response.json())


def test_text_that_looks_like_a_formula_stays_text(client, personas, reference_meeting):
    Statement.objects.filter(agenda_item__meeting=reference_meeting, order=1).update(text='=HYPERLINK("x")')
    client.force_login(personas.member)
    rows = read_csv(client.get(reverse("export-statements"), {"meeting": reference_meeting.pk, "format": "csv"}))
    assert '=HYPERLINK("x")' not in [row[8] for row in rows] and '\'=HYPERLINK("x")' in [row[8] for row in rows]
