"""Bulk writes to a published meeting are refused like saves (in one query), and by PostgreSQL whatever makes them."""

import re
import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement
from apps.minutes import services
from apps.minutes.errors import FrozenRecordError
from apps.minutes.models import Minutes

from .conftest import publish
from .record import build_record

# Every record of the meeting, the minutes included.
RECORDS = ["meeting", "attendance", "material", "item", "member_statement", "decision", "minutes"]

NEW_ROWS = {
    "attendance": lambda r, p: [Attendance(meeting=r.meeting, category="member", person=p.member.person)],
    "material": lambda r, p: [Material(meeting=r.meeting, label="資料6-9"), Material(meeting=r.meeting, label="参考")],
    "item": lambda r, p: [AgendaItem(meeting=r.meeting, order=9, title="追加")],
    "member_statement": lambda r, p: [
        Statement(agenda_item=r.item, order=order, speaker_label="藤井構成員", text="追加") for order in range(10, 13)
    ],
    "decision": lambda r, p: [Decision(agenda_item=r.item, text="追加")],
}


def _frozen(record):
    return pytest.raises(FrozenRecordError, match=re.escape(f"The minutes of {record.meeting.title} are published"))


def _rows(record, name):
    obj = getattr(record, name)
    return type(obj).objects.filter(pk=obj.pk)


@pytest.mark.parametrize("name", RECORDS)
def test_an_update_of_a_published_record_is_refused_in_one_query(published, name, django_assert_num_queries):
    before = _rows(published, name).get().modified
    with django_assert_num_queries(1), _frozen(published):
        _rows(published, name).update(modified=timezone.now())
    assert _rows(published, name).get().modified == before


@pytest.mark.parametrize("name", RECORDS)
def test_a_bulk_update_of_a_published_record_is_refused_in_one_query(published, name, django_assert_num_queries):
    obj = getattr(published, name)
    before, obj.modified = obj.modified, timezone.now()
    with django_assert_num_queries(1), _frozen(published):
        type(obj).objects.bulk_update([obj], ["modified"])
    assert _rows(published, name).get().modified == before


@pytest.mark.parametrize("name", RECORDS)
def test_a_queryset_delete_of_a_published_record_is_refused_in_one_query(published, name, django_assert_num_queries):
    with django_assert_num_queries(1), _frozen(published):
        _rows(published, name).delete()
    assert _rows(published, name).exists()


@pytest.mark.parametrize("name", NEW_ROWS)
def test_a_bulk_create_into_a_published_meeting_is_refused_in_one_query(
    published, personas, name, django_assert_num_queries
):
    model = type(getattr(published, name))
    count = model.objects.count()
    with django_assert_num_queries(1), _frozen(published):
        model.objects.bulk_create(NEW_ROWS[name](published, personas))
    assert model.objects.count() == count


@pytest.mark.parametrize("name", NEW_ROWS)
def test_the_same_bulk_writes_go_through_on_a_draft_with_one_query_more(
    record, personas, name, django_assert_num_queries
):
    model = type(getattr(record, name))
    with django_assert_num_queries(2):  # the guard's check and the write, however many rows
        created = model.objects.bulk_create(NEW_ROWS[name](record, personas))
    rows = model.objects.filter(pk__in=[obj.pk for obj in created])
    with django_assert_num_queries(2):
        assert rows.update(modified=timezone.now()) == len(created)
    with django_assert_num_queries(2):
        assert model.objects.bulk_update(created, ["modified"]) == len(created)
    rows.delete()
    assert not rows.exists()


def test_a_draft_meeting_and_its_minutes_can_be_updated_and_deleted_in_bulk(record):
    assert Meeting.objects.filter(pk=record.meeting.pk).update(venue="総務省") == 1
    assert Minutes.objects.filter(pk=record.minutes.pk).update(review_due_on=timezone.localdate()) == 1
    Meeting.objects.filter(pk=record.meeting.pk).delete()
    assert not Statement.objects.filter(pk=record.member_statement.pk).exists()


def test_records_cannot_be_moved_into_a_published_meeting_in_bulk(published, personas):
    draft = build_record(personas, number=7)
    with _frozen(published):
        Statement.objects.filter(pk=draft.member_statement.pk).update(agenda_item=published.item)
    with _frozen(published):
        Attendance.objects.filter(pk=draft.attendance.pk).update(meeting_id=published.meeting.pk)
    draft.decision.agenda_item = published.item
    with _frozen(published):
        Decision.objects.bulk_update([draft.decision], ["agenda_item"])
    assert Decision.objects.get(pk=draft.decision.pk).agenda_item_id == draft.item.pk
    # Within the draft meeting, moving is fine.
    second = AgendaItem.objects.create(meeting=draft.meeting, order=3, title="その他")
    draft.decision.agenda_item = second
    assert Decision.objects.bulk_update([draft.decision], ["agenda_item"]) == 1


def test_a_row_whose_agenda_item_got_its_id_after_assignment_is_placed_by_it(record, personas):
    item = AgendaItem(meeting=record.meeting, order=9, title="追加")
    statement = Statement(agenda_item=item, order=1, speaker_label="藤井構成員", text="追加")
    item.save()
    Minutes.objects.filter(pk=record.minutes.pk).update(status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    with _frozen(record):
        Statement.objects.bulk_create([statement])


def test_an_upsert_over_a_published_meeting_is_refused(published, personas):
    draft = build_record(personas, number=7)

    def upsert(number: int) -> None:
        row = Meeting(body=personas.study_group, number=number, title="上書き", starts_at=timezone.now())
        Meeting.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["body", "number"], update_fields=["title"]
        )

    with _frozen(published):
        upsert(published.meeting.number)
    assert Meeting.objects.get(pk=published.meeting.pk).title == published.meeting.title
    upsert(draft.meeting.number)
    assert Meeting.objects.get(pk=draft.meeting.pk).title == "上書き"


def test_minutes_published_by_an_update_are_frozen_from_then_on(record):
    Minutes.objects.filter(pk=record.minutes.pk).update(status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    with _frozen(record):
        Minutes.objects.filter(pk=record.minutes.pk).update(status=Minutes.Status.DRAFT)
    with _frozen(record):
        Statement.objects.filter(agenda_item__meeting=record.meeting).update(text="改変")


def test_managers_have_no_delete_that_would_empty_the_table():
    assert not hasattr(Statement.objects, "delete")
    assert not hasattr(Minutes.objects, "delete")


def test_the_refusal_is_translated(published):
    with translation.override("ja"), pytest.raises(FrozenRecordError, match="議事要旨は公開済みのため、発言は編集"):
        _rows(published, "member_statement").update(text="改変")


# --- PostgreSQL: the triggers behind the model guards ---

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")


def _sql(statement: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@postgresql_only
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE meetings_statement SET text = '改変' WHERE id = %(statement)s",
        "DELETE FROM meetings_statement WHERE id = %(statement)s",
        'INSERT INTO meetings_statement (agenda_item_id, "order", speaker_label, kind, text, text_normalized, version,'
        " created, modified) VALUES (%(item)s, 99, 'x', 'comment', '追加', '追加', 1, now(), now())",
        "UPDATE meetings_meeting SET venue = '別室' WHERE id = %(meeting)s",
        "DELETE FROM meetings_agendaitem_materials WHERE agendaitem_id = %(item)s",
        "UPDATE minutes_minutes SET status = 'draft' WHERE meeting_id = %(meeting)s",
        "DELETE FROM minutes_minutes WHERE meeting_id = %(meeting)s",
    ],
)
def test_the_database_refuses_raw_writes_to_a_published_meeting(published, statement):
    ids = {"statement": published.member_statement.pk, "item": published.item.pk, "meeting": published.meeting.pk}
    with pytest.raises(IntegrityError, match="published"):
        _sql(statement, ids)


@postgresql_only
def test_the_database_refuses_the_materials_table_written_in_bulk(published):
    links = AgendaItem.materials.through.objects.filter(agendaitem_id=published.item.pk)
    with pytest.raises(IntegrityError, match="published"), transaction.atomic():
        links.delete()
    assert links.exists()


@postgresql_only
def test_a_deletion_whose_cascade_would_change_a_published_statement_is_refused(record, personas):
    draft = build_record(personas, number=7)
    record.member_statement.reply_to = draft.member_statement
    record.member_statement.save()
    publish(record, personas)
    # The model guard passes (the deleted statement is a draft's); clearing the reply's reply_to would not.
    with pytest.raises(IntegrityError, match="published"), transaction.atomic():
        draft.member_statement.delete()
    assert Statement.objects.get(pk=record.member_statement.pk).reply_to_id == draft.member_statement.pk


@postgresql_only
def test_raw_writes_to_a_draft_go_through_and_a_dba_can_correct_a_published_record(record, published_other):
    _sql("UPDATE meetings_statement SET text = '修正' WHERE id = %s", [record.member_statement.pk])
    statement = published_other.member_statement.pk
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL shingi.allow_frozen_writes = 'on'")
        cursor.execute("UPDATE meetings_statement SET text = '裁判所の命令により削除' WHERE id = %s", [statement])
    assert Statement.objects.get(pk=statement).text == "裁判所の命令により削除"


@pytest.fixture
def published_other(personas):
    other = build_record(personas, number=8)
    publish(other, personas)
    return other


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_write_racing_a_publication_waits_for_it_and_is_refused(personas):
    """The model guard reads the minutes before the write; a publication committing in between is
    caught by the trigger, which waits for the minutes row and then sees it published."""
    record = build_record(personas)
    Minutes.objects.filter(pk=record.minutes.pk).update(status=Minutes.Status.APPROVED, approved_at=timezone.now())
    publishing = threading.Event()

    def publish_once_the_write_waits() -> None:
        try:
            with transaction.atomic():
                services.minutes_publish(minutes=record.minutes, by=personas.secretariat)
                publishing.set()
                deadline = time.monotonic() + 10
                with connection.cursor() as cursor:
                    while time.monotonic() < deadline:
                        cursor.execute(
                            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity"
                            " WHERE datname = current_database() AND wait_event_type = 'Lock')"
                        )
                        if cursor.fetchone()[0]:
                            break
                        time.sleep(0.02)
        finally:
            connection.close()

    publisher = threading.Thread(target=publish_once_the_write_waits)
    publisher.start()
    try:
        assert publishing.wait(10)
        with pytest.raises(IntegrityError, match="published"):
            Statement.objects.filter(pk=record.member_statement.pk).update(text="公開直前の改変")
    finally:
        publisher.join()
    assert Statement.objects.get(pk=record.member_statement.pk).text == record.member_statement.text
    assert Minutes.objects.get(pk=record.minutes.pk).is_published
