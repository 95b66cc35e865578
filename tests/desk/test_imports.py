"""The import workbench: upload, read (a task), review beside the source, correct, match, commit."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.directory.models import Membership
from apps.importer import workbench
from apps.importer.models import ImportRun
from apps.meetings.models import Meeting, Statement

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"


@pytest.fixture
def upload(client, personas, django_capture_on_commit_callbacks):
    """Post files to /imports/new/; the reading task runs when the upload commits (in-process here)."""

    def post(*files: tuple[str, bytes], **extra):
        uploads = [SimpleUploadedFile(name, data) for name, data in files]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("desk:import_new"), {"body": personas.study_group.pk, "files": uploads, **extra})

    return post


@pytest.fixture
def run(client, personas, upload) -> ImportRun:
    client.force_login(personas.secretariat)
    response = upload(("roaming-6th-minutes.txt", REFERENCE.read_bytes()))
    assert response.status_code == 302
    return ImportRun.objects.get()


def test_the_reference_minutes_are_read_and_shown_beside_their_source(client, run):
    assert run.status == ImportRun.Status.PARSED and run.number == 6  # read in-process, number from the title
    assert run.sha256 == hashlib.sha256(REFERENCE.read_bytes()).hexdigest()
    page = client.get(reverse("desk:import", args=[run.pk])).content.decode()
    assert page.count('class="speaker-input"') == 41
    assert page.count('<li id="line-') == len(REFERENCE.read_text(encoding="utf-8-sig").splitlines())
    assert "statement 5.1" in page  # the line a statement starts on says so


def test_commit_imports_the_corrected_minutes_and_keeps_the_source(client, personas, run):
    fixed = client.post(
        reverse("desk:import_correct", args=[run.pk]), {"field": "statement:2.1:speaker", "value": "森川座長代理"}
    )
    assert fixed.status_code == 302
    response = client.post(reverse("desk:import_commit", args=[run.pk]))
    meeting = Meeting.objects.get(body=personas.study_group, number=6)
    assert response["Location"] == reverse("desk:edit", args=[meeting.pk])
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 41
    first = Statement.objects.get(agenda_item__meeting=meeting, agenda_item__order=2, order=1)
    assert first.speaker_label == "森川座長代理"
    run.refresh_from_db()
    assert (run.status, run.meeting, meeting.source_sha256) == ("committed", meeting, run.sha256)


def test_a_failed_commit_leaves_nothing_behind(client, personas, run, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("after the statements were written")

    monkeypatch.setattr(workbench, "_apply_matches", broken)
    run.matches = {"0": "new"}
    run.save()
    with pytest.raises(RuntimeError):
        client.post(reverse("desk:import_commit", args=[run.pk]))
    assert not Meeting.objects.filter(number=6).exists() and not Statement.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PARSED


def test_a_bad_correction_is_refused_naming_the_field(client, run):
    response = client.post(
        reverse("desk:import_correct", args=[run.pk]), {"field": "date", "value": "2022-13-40"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and "date: 2022-13-40 cannot be read." in response.content.decode()
    missing = client.post(
        reverse("desk:import_correct", args=[run.pk]),
        {"field": "statement:9.99:speaker", "value": "x"},
        HTTP_HX_REQUEST="true",
    )
    assert missing.status_code == 400


def test_a_chosen_new_person_replaces_the_proposal_and_gets_no_membership(client, personas, run):
    position = next(i for i, a in enumerate(run.result["attendees"]) if a["name"].startswith("藤井"))
    client.post(reverse("desk:import_match", args=[run.pk]), {"position": position, "choice": "new"})
    client.post(reverse("desk:import_commit", args=[run.pk]))
    meeting = Meeting.objects.get(number=6)
    attendance = meeting.attendances.get(order=position + 1)
    assert attendance.person.family_name == "藤井" and attendance.person != personas.member.person
    assert not Membership.objects.filter(person=attendance.person).exists()
    assert Statement.objects.filter(agenda_item__meeting=meeting, speaker=attendance.person).exists()


def test_a_reimport_first_shows_what_changes(client, personas, run, upload):
    client.post(reverse("desk:import_commit", args=[run.pk]))
    text = REFERENCE.read_text(encoding="utf-8-sig")
    changed = text.replace("フルローミング", "完全ローミング", 1)
    upload(("roaming-6th-minutes-v2.txt", changed.encode()))
    second = ImportRun.objects.exclude(pk=run.pk).get()
    page = client.get(reverse("desk:import", args=[second.pk])).content.decode()
    assert 'id="reimport"' in page
    assert "0 statements added, 1 changed, 0 removed." in page


def test_only_the_body_secretariat_sees_an_import(client, personas, run, other_secretariat):
    for user in (personas.member, personas.chair, other_secretariat):
        client.force_login(user)
        assert client.get(reverse("desk:import", args=[run.pk])).status_code == 404
        assert client.post(reverse("desk:import_commit", args=[run.pk])).status_code == 404
    client.force_login(personas.member)
    assert client.get(reverse("desk:import_new")).status_code == 404


def test_bad_files_are_refused_or_fail_with_their_line(client, personas, upload):
    client.force_login(personas.secretariat)
    refused = upload(("minutes.exe", b"MZ"))
    assert (
        refused.status_code == 400
        and "minutes.exe: minutes are read from .txt, .docx or .pdf files." in refused.content.decode()
    )
    upload(("empty.txt", b"   \n"))
    failed = ImportRun.objects.get()
    assert failed.status == "failed" and failed.error == "line 1: empty.txt is empty"


def test_several_files_share_one_batch_and_clean_ones_import_when_ticked(client, personas, upload):
    client.force_login(personas.secretariat)
    reference = REFERENCE.read_bytes()
    response = upload(("a.txt", reference), ("b.txt", b"   \n"), commit_if_clean="on")
    runs = list(ImportRun.objects.order_by("id"))
    assert response["Location"] == reverse("desk:import_batch", args=[runs[0].batch])
    assert len({r.batch for r in runs}) == 1
    page = client.get(response["Location"]).content.decode()
    assert "a.txt" in page and "b.txt" in page
    # The reference minutes carry warnings: they wait for review even with the box ticked.
    assert runs[0].has_warnings == (runs[0].status == "parsed")
    assert runs[1].status == "failed"


def test_a_clean_file_is_imported_at_once_when_ticked_and_a_refusal_leaves_it_for_review(
    client, personas, upload, monkeypatch
):
    client.force_login(personas.secretariat)
    monkeypatch.setattr(ImportRun, "has_warnings", property(lambda run: False))  # as if the file were clean
    upload(("clean.txt", REFERENCE.read_bytes()), commit_if_clean="on")
    clean = ImportRun.objects.get()
    assert clean.status == "committed" and clean.meeting.agenda_items.count() == 7

    def refuse(**kwargs):
        raise ValidationError("refused for the test")

    monkeypatch.setattr(workbench, "import_run_commit", refuse)
    upload(("again.txt", REFERENCE.read_bytes()), commit_if_clean="on")
    kept = ImportRun.objects.exclude(pk=clean.pk).get()
    assert (kept.status, kept.error) == ("parsed", "refused for the test")
