"""A name matched only in another body is not taken: it is a proposal, which the secretariat
confirms per name in the workbench (or all at once with the command's flag). Confirming records
attendance only, never a membership, and the other body's record stays as it was; a record shared
with bodies the importing secretariat does not run is never completed from the minutes."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from apps.directory.models import Membership, Organization, Person
from apps.importer.models import ImportRun
from apps.importer.parser import parse_minutes
from apps.importer.services import meeting_import
from apps.meetings.models import Attendance, Meeting, Statement

pytestmark = pytest.mark.django_db

NAME_LINE = 7  # 森川 太郎 構成員, in MINUTES below


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def minutes(body_name: str, number: int = 3) -> str:
    return (
        f"{body_name}（第{number}回） 議事要旨\n\n１ 日時\n令和5年3月1日（水）10:00～12:00\n２ 出席者\n"
        "（１）構成員\n森川 太郎 構成員\n（２）総務省\n共通 太郎 電波部長\n"
        "３ 議事\n（１）報告\n事務局より説明が行われた。\n【森川構成員】\n質問です。\n"
    )


@pytest.fixture
def taro(bodies) -> Person:
    """森川 太郎 of body A (not the 森川 博之 the fixture already seats there)."""
    university = Organization.objects.create(name="東京大学", kind=Organization.Kind.ACADEMIA)
    person = Person.objects.create(family_name="森川", given_name="太郎", organization=university)
    Membership.objects.create(person=person, body=bodies.a, role=Membership.Role.MEMBER)
    return person


def _record(person: Person) -> tuple:
    person = Person.objects.get(pk=person.pk)
    return person.full_name, person.organization_id, person.title, person.modified, person.history.count()


def _morikawa_attendance(meeting: Meeting) -> Attendance:
    return meeting.attendances.get(person__family_name="森川")


def _speaker(meeting: Meeting) -> Person | None:
    return Statement.objects.get(agenda_item__meeting=meeting).speaker


def test_a_full_name_known_only_in_another_body_is_a_proposal_and_a_new_person(bodies, taro):
    before = _record(taro)
    meeting = meeting_import(parsed=parse_minutes(minutes(bodies.b.name)), body_name=bodies.b.name)

    attendee = _morikawa_attendance(meeting).person
    assert attendee != taro and attendee.full_name == "森川 太郎"
    assert _speaker(meeting) == attendee
    [proposal] = [w for w in meeting.import_warnings if w.get("kind")]
    assert (proposal["line"], proposal["person"]) == (NAME_LINE, taro.pk)
    assert bodies.a.name in proposal["message"] and "東京大学" in proposal["message"]
    assert _record(taro) == before


def test_a_person_shared_with_a_body_the_importer_does_not_run_is_matched_but_not_completed(bodies, taro):
    shared_before = _record(bodies.shared)  # 共通 太郎: member of A and of B
    meeting = meeting_import(parsed=parse_minutes(minutes(bodies.b.name)), body_name=bodies.b.name, by=None)

    assert meeting.attendances.get(person__family_name="共通").person == bodies.shared  # in B: taken
    assert _record(bodies.shared) == shared_before  # but neither 総務省 nor 電波部長 was written into it
    [left] = [w for w in meeting.import_warnings if "bodies you do not run" in w["message"]]
    assert left["line"] == NAME_LINE + 2


def test_a_record_of_the_importers_own_bodies_only_is_still_completed(bodies):
    namesake = Person.objects.create(family_name="共通", given_name="太郎")  # the namesake of B alone
    Membership.objects.filter(person=bodies.shared).delete()
    Membership.objects.create(person=namesake, body=bodies.b, role=Membership.Role.OBSERVER)
    bodies.shared.delete()
    meeting_import(parsed=parse_minutes(minutes(bodies.b.name)), body_name=bodies.b.name)
    namesake.refresh_from_db()
    assert (namesake.organization.name, namesake.title) == ("総務省", "電波部長")


def test_the_command_prints_each_proposal_with_its_line_and_confirms_them_with_its_flag(bodies, taro, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(minutes(bodies.b.name), encoding="utf-8")
    before = _record(taro)
    out, err = StringIO(), StringIO()
    call_command("import_minutes", str(path), body=bodies.b.name, stdout=out, stderr=err)
    meeting = Meeting.objects.get(pk=int(out.getvalue()))
    assert f"proposal: {path}: line {NAME_LINE}: “森川 太郎（構成員）” may be 森川 太郎" in err.getvalue()
    assert "--confirm-directory-matches" in err.getvalue()
    assert _morikawa_attendance(meeting).person != taro

    err = StringIO()
    call_command(
        "import_minutes", str(path), body=bodies.b.name, confirm_directory_matches=True, stdout=out, stderr=err
    )
    assert "proposal:" not in err.getvalue()
    assert _morikawa_attendance(meeting).person == taro  # the re-import takes the confirmed match
    assert _speaker(meeting) == taro
    assert not Membership.objects.filter(person=taro, body=bodies.b).exists()
    assert _record(taro) == before


def test_the_flag_on_a_first_import_links_the_attendance_and_grants_nothing(bodies, taro, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(minutes(bodies.b.name, number=4), encoding="utf-8")
    out = StringIO()
    call_command("import_minutes", str(path), body=bodies.b.name, confirm_directory_matches=True, stdout=out)
    meeting = Meeting.objects.get(pk=int(out.getvalue()))
    assert _morikawa_attendance(meeting).person == taro
    assert list(taro.memberships.values_list("body", flat=True)) == [bodies.a.pk]


@pytest.fixture
def workbench(bodies, django_capture_on_commit_callbacks) -> tuple[Client, ImportRun]:
    """Body B's secretariat has uploaded the minutes; the reading task ran in-process."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bodies.secretariat_b)
    upload = SimpleUploadedFile("minutes.txt", minutes(bodies.b.name).encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("desk:import_new"), {"body": bodies.b.pk, "files": [upload], "commit_if_clean": "on"}
        )
    assert response.status_code == 302
    return client, ImportRun.objects.get(body=bodies.b)


def test_the_workbench_shows_the_proposal_with_the_other_body_and_waits_for_a_decision(bodies, taro, workbench):
    client, run = workbench
    assert run.status == ImportRun.Status.PARSED and run.meeting is None  # not imported unreviewed
    assert "other bodies are proposed" in run.error
    page = client.get(reverse("desk:import", args=[run.pk])).content.decode()
    assert 'id="proposal-0"' in page
    proposal = page.split('id="proposal-0"')[1].split("</tr>")[0]
    assert "森川 太郎 (東京大学)" in proposal and bodies.a.name in proposal
    assert f'<option value="{taro.pk}">Confirm the match with 森川 太郎' in proposal


def test_a_match_confirmed_in_the_workbench_records_the_attendance_only(bodies, taro, workbench):
    client, run = workbench
    before = _record(taro)
    client.post(reverse("desk:import_match", args=[run.pk]), {"position": 0, "choice": taro.pk})
    page = client.get(reverse("desk:import", args=[run.pk])).content.decode()
    assert f'<option value="{taro.pk}" selected>' in page
    client.post(reverse("desk:import_commit", args=[run.pk]))

    meeting = Meeting.objects.get(body=bodies.b, number=3)
    assert _morikawa_attendance(meeting).person == taro
    assert _speaker(meeting) == taro
    assert not Person.objects.filter(family_name="森川", given_name="太郎").exclude(pk=taro.pk).exists()
    assert not Membership.objects.filter(person=taro, body=bodies.b).exists()
    assert _record(taro) == before


def test_an_unconfirmed_proposal_is_committed_as_a_new_person(bodies, taro, workbench):
    client, run = workbench
    client.post(reverse("desk:import_commit", args=[run.pk]))
    meeting = Meeting.objects.get(body=bodies.b, number=3)
    assert _morikawa_attendance(meeting).person not in (taro, None)
    assert taro.attendances.count() == 0
