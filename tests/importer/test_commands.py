"""parse_minutes, import_minutes and load_demo as a secretariat runs them."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from apps.directory.models import Body, Membership, Organization, Person
from apps.meetings.models import Meeting, Statement
from apps.minutes.models import Minutes

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
BODY = "非常時における事業者間ローミング等に関する検討会"


def _run(*args, stderr: StringIO | None = None) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def test_parse_minutes_prints_its_line_accounting_on_stderr():
    err = StringIO()
    _run("parse_minutes", str(ROOT / "tests" / "importer" / "corpus" / "shizuoka-sangyo-2022-06-27.txt"), stderr=err)
    summary = err.getvalue()
    assert summary.startswith("layout circle; coverage ")
    assert "lines placed; unplaced lines: 1, 2," in summary


def test_score_corpus_prints_a_table_per_field_and_overall():
    out = _run("score_corpus")
    assert out.splitlines()[0].split() == ["field", "right", "share"]
    assert "overall" in out and "line accounting" in out and "documents parsed in" in out


@pytest.mark.django_db
def test_parse_minutes_prints_one_json_object_and_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        result = json.loads(_run("parse_minutes", str(REFERENCE)))
    assert list(result) == [
        "title",
        "date",
        "start_time",
        "end_time",
        "venue",
        "attendees",
        "absentees",
        "materials",
        "agenda_items",
        "warnings",
        "layout",
        "placed",
        "unplaced",
        "coverage",
    ]
    assert result["placed"]["1"] == "title" and result["placed"]["72"] == "agenda"
    assert (result["layout"], result["unplaced"], result["coverage"]) == ("bracket", [], 1.0)
    assert (result["date"], result["start_time"], result["end_time"]) == ("2022-12-20", "15:00", "16:57")
    assert result["attendees"][0] == {"name": "相田", "role": "座長", "organization": None, "category": "member"}
    assert result["materials"][0] == {"label": "資料６－１", "title": None}
    item = result["agenda_items"][1]
    assert list(item) == ["number", "title", "proceedings", "materials", "statements"]
    assert item["statements"][0]["speaker"] == "ＮＴＴドコモ（小林）"
    assert list(item["statements"][0]) == ["speaker", "text"]
    assert result["warnings"][0] == {"line": 290, "message": "発言者「楽天モバイル（森山）」が出席者一覧にありません"}


@pytest.mark.django_db
def test_import_minutes_prints_the_meeting_id_and_reimports_in_place():
    first = _run("import_minutes", str(REFERENCE), "--body", BODY, "--create-body").strip()
    meeting = Meeting.objects.get()
    assert first == str(meeting.pk)
    second = _run("import_minutes", str(REFERENCE), "--body", BODY, "--number", "6").strip()
    assert second == first
    assert Meeting.objects.count() == 1
    assert Statement.objects.count() == 41
    assert len(Meeting.objects.get().source_sha256) == 64


@pytest.mark.django_db
def test_import_minutes_refuses_a_body_that_does_not_exist():
    Body.objects.create(name=BODY)
    with pytest.raises(CommandError, match="no body is named .*--create-body") as caught:
        _run("import_minutes", str(REFERENCE), "--body", BODY + "会")  # misspelt
    assert caught.value.returncode == 2
    assert Body.objects.count() == 1 and not Meeting.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: bad.txt is empty"),
        (b"\x00\x01\x02binary", "line 1: bad.txt is a binary file"),
        ("日時\n".encode() + bytes(range(0x80, 0x100)) * 3, "line 2: bad.txt cannot be decoded"),
        ("こんにちは。\n今日は良い天気です。\n".encode(), "line 1: no minutes structure found"),
    ],
    ids=["empty", "binary", "undecodable", "no-structure"],
)
def test_bad_input_exits_2_with_what_and_where_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        _run("import_minutes", str(path), "--body", BODY, "--create-body")
    assert caught.value.returncode == 2
    assert str(caught.value) == f"{path}: {message}" or str(caught.value).startswith(f"{path}: {message}")
    assert not Body.objects.exists()
    assert not Person.objects.exists()
    assert not Organization.objects.exists()


def test_bad_input_gives_one_stderr_line_from_the_real_command(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "parse_minutes", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [f"CommandError: {path}: line 1: empty.txt is empty"]


@pytest.mark.django_db
def test_load_demo_imports_the_reference_meeting_and_creates_a_login_per_role():
    output = _run("load_demo", "--if-empty")
    meeting = Meeting.objects.get(body__name=BODY, number=6)
    assert meeting.body.host.name == "総合通信基盤局"
    assert meeting.body.host.parent.name == "総務省"
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 41
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.DRAFT
    for username in ("secretariat", "chair", "member", "operator", "observer"):
        assert username in output
        assert User.objects.get(username=username).check_password("shingi-demo")
    chair = Person.objects.get(user__username="chair")
    assert chair.statements.filter(agenda_item__meeting=meeting).exists()  # the imported 相田
    assert Membership.objects.filter(
        person=chair, body=meeting.body, role=Membership.Role.CHAIR
    ).exists()  # load_demo's
    assert Person.objects.get(user__username="member").family_name == "藤井"
    operator = Person.objects.get(user__username="operator")
    assert (operator.family_name, operator.organization.name) == ("小林", "株式会社NTTドコモ")
    secretariat = Person.objects.get(user__username="secretariat").user
    assert secretariat.is_staff and secretariat.has_perm("meetings.change_statement")
    assert Membership.objects.filter(person__user=secretariat, role=Membership.Role.SECRETARIAT).exists()
    assert not Person.objects.get(user__username="chair").user.is_staff


@pytest.mark.django_db
def test_load_demo_if_empty_leaves_a_filled_database_alone(personas):
    output = _run("load_demo", "--if-empty")
    assert "not empty" in output
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_load_demo_if_empty_prints_the_logins_of_an_earlier_load():
    _run("load_demo")
    output = _run("load_demo", "--if-empty")
    assert "not empty" in output
    assert "password for all: shingi-demo" in output
    assert [line.split()[0] for line in output.splitlines()[2:]] == [
        "secretariat",
        "chair",
        "member",
        "operator",
        "observer",
    ]
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_the_demo_secretariat_sees_the_imported_meeting_in_the_admin(client):
    _run("load_demo")
    meeting = Meeting.objects.get(body__name=BODY, number=6)
    login = client.post("/admin/login/", {"username": "secretariat", "password": "shingi-demo", "next": "/admin/"})
    assert login.status_code == 302  # the printed demo password works through the real login page
    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "発言者「楽天モバイル（森山）」が出席者一覧にありません" in page
    assert "ローミング以外の非常時の通信手段について" in page
    # Statements are entered on each agenda item's own page, linked from the meeting's.
    item = Statement.objects.filter(agenda_item__meeting=meeting, speaker_label="ＮＴＴドコモ（小林）")[0].agenda_item
    assert f"/admin/meetings/agendaitem/{item.pk}/change/" in page
    assert "ＮＴＴドコモ（小林）" in client.get(f"/admin/meetings/agendaitem/{item.pk}/change/").content.decode()
    client.logout()
    client.force_login(User.objects.get(username="chair"))
    assert client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").status_code == 302  # not staff
