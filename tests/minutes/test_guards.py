"""Published records are frozen for everyone; statement edits are optimistically locked."""

import threading

import pytest
from django.db import connection, transaction

from apps.core.locking import StaleEditError
from apps.meetings.models import AgendaItem, Attendance, Decision, Meeting, Statement
from apps.minutes import services
from apps.minutes.errors import FrozenRecordError, WorkflowError
from apps.minutes.models import Minutes


@pytest.mark.parametrize("name", ["meeting", "item", "member_statement", "attendance", "material", "decision"])
def test_a_published_record_cannot_be_saved(published, name):
    obj = getattr(published, name)
    with pytest.raises(FrozenRecordError, match="published"):
        obj.save()


@pytest.mark.parametrize("name", ["meeting", "item", "member_statement", "attendance", "material", "decision"])
def test_a_published_record_cannot_be_deleted(published, name):
    with pytest.raises(FrozenRecordError), transaction.atomic():
        getattr(published, name).delete()
    assert type(getattr(published, name)).objects.filter(pk=getattr(published, name).pk).exists()


def test_nothing_can_be_added_to_a_published_meeting(published, personas):
    with pytest.raises(FrozenRecordError):
        Statement.objects.create(agenda_item=published.item, order=99, speaker_label="x", text="追加")
    with pytest.raises(FrozenRecordError):
        AgendaItem.objects.create(meeting=published.meeting, order=99, title="追加")
    with pytest.raises(FrozenRecordError):
        Attendance.objects.create(meeting=published.meeting, category="member", person=personas.member.person)
    with pytest.raises(FrozenRecordError):
        Decision.objects.create(agenda_item=published.item, text="追加")
    with pytest.raises(FrozenRecordError):
        published.item.materials.clear()


def test_a_statement_cannot_be_moved_out_of_a_published_meeting(published, personas):
    from .record import build_record

    other = build_record(personas, number=7)
    statement = Statement.objects.get(pk=published.member_statement.pk)
    statement.agenda_item = other.item
    with pytest.raises(FrozenRecordError):
        statement.save()


def test_published_minutes_themselves_never_change(published):
    published.minutes.status = Minutes.Status.DRAFT
    with pytest.raises(FrozenRecordError):
        published.minutes.save()
    with pytest.raises(FrozenRecordError), transaction.atomic():
        published.minutes.delete()


def test_the_statement_edit_service_refuses_published_minutes(published, personas):
    with pytest.raises(WorkflowError, match="edit a statement"):
        services.statement_update(
            statement=published.member_statement,
            text="改変",
            base_version=published.member_statement.version,
            by=personas.secretariat,
        )


def test_records_of_unpublished_meetings_stay_editable(record):
    record.meeting.venue = "総務省"
    record.meeting.save()
    record.item.title = "変更"
    record.item.save()
    record.decision.delete()
    assert not Decision.objects.filter(pk=record.decision.pk).exists()


# --- optimistic locking ---


def test_a_save_from_a_stale_copy_is_refused_and_overwrites_nothing(record):
    first = Statement.objects.get(pk=record.member_statement.pk)
    second = Statement.objects.get(pk=record.member_statement.pk)
    first.text = "一人目の修正。"
    first.save()
    assert first.version == second.version + 1
    second.text = "二人目の修正。"
    with pytest.raises(StaleEditError, match="Someone else changed this statement"):
        second.save()
    assert Statement.objects.get(pk=record.member_statement.pk).text == "一人目の修正。"


def test_the_edit_service_refuses_a_stale_base_version(record, personas):
    version = record.member_statement.version
    services.statement_update(
        statement=record.member_statement, text="一回目", base_version=version, by=personas.secretariat
    )
    with pytest.raises(StaleEditError, match=f"version {version}"):
        services.statement_update(
            statement=record.member_statement, text="二回目", base_version=version, by=personas.secretariat
        )
    assert Statement.objects.get(pk=record.member_statement.pk).text == "一回目"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_edits_of_one_version_let_exactly_one_through(personas):
    from .record import build_record

    record = build_record(personas)
    statement_pk, version = record.member_statement.pk, record.member_statement.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(text: str) -> None:
        try:
            barrier.wait()
            services.statement_update(
                statement=Statement.objects.get(pk=statement_pk),
                text=text,
                base_version=version,
                by=personas.secretariat,
            )
            outcomes.append("saved")
        except StaleEditError:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(text,)) for text in ("甲の修正", "乙の修正")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "stale"]
    stored = Statement.objects.get(pk=statement_pk)
    assert stored.version == version + 1
    assert stored.text in {"甲の修正", "乙の修正"}
    assert Meeting.objects.filter(pk=record.meeting.pk).exists()
