"""Optimistic locking on every editable record: a stale write is refused, never merged."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import translation
from rest_framework.test import APIClient

from apps.core.locking import StaleEditError
from apps.deliberation.models import Assignment, Issue, Position
from apps.meetings.models import AgendaItem, Meeting, Statement
from tests.minutes.record import build_record

from .conftest import api_as, issue_token


@pytest.fixture
def issue(bodies) -> Issue:
    return Issue.objects.create(body=bodies.a, code="I-010", title="元の件名", raised_in=bodies.draft.meeting)


@pytest.mark.django_db
def test_a_patch_with_a_stale_if_match_is_a_412_and_changes_nothing(bodies, issue):
    api = api_as(bodies.secretariat_a)
    url = f"/api/v1/issues/{issue.pk}/"
    etag = api.get(url)["ETag"]
    first = api.patch(url, {"title": "一人目"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    second = api.patch(url, {"title": "二人目"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert second.json()["error"]["code"] == "stale"
    assert Issue.objects.get(pk=issue.pk).title == "一人目"
    status = api.post(f"{url}status/", {"status": "deferred", "reason": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert status.status_code == 412
    fresh = api.get(url)["ETag"]
    assert api.patch(url, {"title": "三人目"}, format="json", HTTP_IF_MATCH=fresh).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_patches_from_one_read_let_exactly_one_through(personas):
    issue = Issue.objects.create(body=personas.study_group, code="I-011", title="元の件名")
    token = issue_token(personas.secretariat, personas.study_group, can_write=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    url = f"/api/v1/issues/{issue.pk}/"
    etag = client.get(url)["ETag"]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def patch(title: str) -> None:
        try:
            api = APIClient()
            api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            barrier.wait()
            statuses.append(api.patch(url, {"title": title}, format="json", HTTP_IF_MATCH=etag).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=(title,)) for title in ("甲の件名", "乙の件名")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412]
    assert Issue.objects.get(pk=issue.pk).title in {"甲の件名", "乙の件名"}


def _records(bodies) -> dict:
    issue = Issue.objects.create(body=bodies.a, code="I-012", title="件名", raised_in=bodies.draft.meeting)
    return {
        "issue": issue,
        "assignment": Assignment.objects.create(issue=issue, task_group=bodies.task_group),
        "position": Position.objects.create(
            issue=issue, person=bodies.morikawa, meeting=bodies.draft.meeting, stance="supports"
        ),
        "meeting": bodies.draft.meeting,
        "agenda item": bodies.draft.item,
        "statement": bodies.draft.member_statement,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["issue", "assignment", "position", "meeting", "agenda item", "statement"])
def test_a_save_from_a_stale_copy_is_refused(bodies, what):
    record = _records(bodies)[what]
    model = type(record)
    first, second = model.objects.get(pk=record.pk), model.objects.get(pk=record.pk)
    first.save()
    with translation.override("en"), pytest.raises(StaleEditError, match=f"Someone else changed this {what}"):
        second.save()
    assert model.objects.get(pk=record.pk).version == first.version


@pytest.mark.django_db
def test_a_stale_meeting_admin_form_is_refused_with_a_message(bodies):
    from tests.security.test_admin_meeting import change_form_data

    meeting = build_record(bodies.personas, number=9).meeting
    admin = APIClient()
    admin.force_login(bodies.secretariat_a)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    data = change_form_data(admin.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    Meeting.objects.get(pk=meeting.pk).save()  # someone else saves in between
    data["title"] = "古い画面からの変更"
    response = admin.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Someone else changed this meeting" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).title != "古い画面からの変更"
    assert AgendaItem.objects.filter(meeting=meeting).exists() and Statement.objects.exists()


def _waiting_for_a_row_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_two_admin_saves_racing_between_check_and_save_let_one_through(personas, monkeypatch):
    """Both forms pass their version check before either saves: the check's row lock makes the
    second wait for the first's commit, and then refuses it with a message."""
    from apps.meetings.admin import MeetingAdmin
    from tests.security.test_admin_meeting import change_form_data

    meeting = build_record(personas, number=9).meeting
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    reader = APIClient()
    reader.force_login(personas.secretariat)
    shown = change_form_data(reader.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    first_checked, go = threading.Event(), threading.Event()
    save_model = MeetingAdmin.save_model

    def save_after_the_second_has_started(self, request, obj, form, change):
        if threading.current_thread().name == "first":
            first_checked.set()
            assert go.wait(30)
        save_model(self, request, obj, form, change)

    monkeypatch.setattr(MeetingAdmin, "save_model", save_after_the_second_has_started)
    responses: dict[str, object] = {}

    def post(title: str) -> None:
        try:
            admin = APIClient()
            admin.force_login(personas.secretariat)
            responses[title] = admin.post(url, {**shown, "title": [title]}, HTTP_ACCEPT_LANGUAGE="en")
        finally:
            connection.close()

    first = threading.Thread(target=post, args=("一人目の件名",), name="first")
    second = threading.Thread(target=post, args=("二人目の件名",), name="second")
    first.start()
    assert first_checked.wait(30)  # the first form was checked and holds its row lock
    second.start()
    for _ in range(300):  # until the second request waits on the row (at most 30 s)
        if _waiting_for_a_row_lock() or not second.is_alive():
            break
        threading.Event().wait(0.1)
    second_waited = second.is_alive() and _waiting_for_a_row_lock()
    go.set()
    first.join()
    second.join()
    assert second_waited, "the second save did not wait for the first's row lock"
    assert responses["一人目の件名"].status_code == 302
    refused = responses["二人目の件名"]
    assert refused.status_code == 200 and "Someone else changed this meeting" in refused.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).title == "一人目の件名"


@pytest.mark.django_db(transaction=True)
def test_a_delete_from_a_stale_page_waits_for_an_edit_being_saved_and_is_refused(personas):
    from apps.meetings.statements import statement_delete

    statement = build_record(personas, number=9).member_statement
    shown = statement.version
    edited, go = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def edit() -> None:
        try:
            with transaction.atomic():
                row = Statement.objects.get(pk=statement.pk)
                row.text = "編集中の本文"
                row.save()  # holds the row until the commit
                edited.set()
                assert go.wait(30)
        finally:
            connection.close()

    def delete() -> None:
        try:
            statement_delete(statement=statement, base_version=shown, by=personas.secretariat)
            outcome["deleted"] = True
        except StaleEditError as error:
            outcome["refused"] = error
        finally:
            connection.close()

    editor, deleter = threading.Thread(target=edit), threading.Thread(target=delete)
    editor.start()
    assert edited.wait(30)
    deleter.start()
    for _ in range(300):  # until the delete waits on the row (at most 30 s)
        if _waiting_for_a_row_lock() or not deleter.is_alive():
            break
        threading.Event().wait(0.1)
    go.set()
    editor.join()
    deleter.join()
    assert "refused" in outcome, outcome
    assert Statement.objects.get(pk=statement.pk).text == "編集中の本文"
