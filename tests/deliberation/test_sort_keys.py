"""The result order kept on each statement row (search_sql.CREATE_SORT_KEYS) follows every change,
and the index strategy pages in the order of the scan after the meetings and agendas move."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from apps.deliberation.search_plan import Strategy, search_page
from apps.deliberation.search_scope import SearchScope
from apps.deliberation.search_statistics import BigramStatistics, bigrams_to_look_up
from apps.meetings.models import AgendaItem, Statement


def _keys(statement: Statement) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sort_newest_first, sort_meeting_id, sort_agenda_order FROM meetings_statement WHERE id = %s",
            [statement.pk],
        )
        return cursor.fetchone()


def _expected_keys(statement: Statement) -> tuple:
    statement = Statement.objects.select_related("agenda_item__meeting").get(pk=statement.pk)
    meeting = statement.agenda_item.meeting
    microseconds = (meeting.starts_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    return -microseconds, meeting.pk, statement.agenda_item.order


def _order_of_results(term: str) -> list[int]:
    found, after = [], None
    while True:
        page = search_page(term=term, scope=SearchScope(), after=after, size=2, strategy=Strategy.INDEX)
        found += [s.pk for s in page.statements]
        if page.next_cursor is None:
            return found
        after = page.next_cursor


@pytest.fixture
def two_meetings(personas, record):
    earlier, later = record.meeting(personas.study_group, 1), record.meeting(personas.study_group, 2)
    return earlier, later


def test_a_new_statement_takes_its_meetings_keys(two_meetings, record):
    statement = record.statement(two_meetings[0], "料金の水準について")
    assert _keys(statement) == _expected_keys(statement)


def test_rescheduling_a_meeting_moves_its_statements_in_the_results(two_meetings, record):
    earlier, later = two_meetings
    first = record.statement(earlier, "料金の水準について")
    second = record.statement(later, "料金の改定について")
    assert _order_of_results("料金の") == [second.pk, first.pk]
    earlier.starts_at = later.starts_at + timedelta(days=7)
    earlier.save()
    assert _keys(first) == _expected_keys(first)
    assert _order_of_results("料金の") == [first.pk, second.pk]


def test_reordering_agenda_items_and_moving_a_statement_keep_the_keys(two_meetings, record):
    earlier, later = two_meetings
    opening = earlier.agenda_items.get(order=1)
    closing = AgendaItem.objects.create(meeting=earlier, order=2, title="その他")
    kept = record.statement(earlier, "料金の水準について")
    last = Statement.objects.create(agenda_item=closing, order=1, speaker_label="座長", text="料金の件は次回に")
    assert _order_of_results("料金の") == [kept.pk, last.pk]
    AgendaItem.objects.filter(pk=opening.pk).update(order=3)  # a bulk write, as the desk's reordering is
    assert _keys(kept) == _expected_keys(kept)
    assert _order_of_results("料金の") == [last.pk, kept.pk]
    last.agenda_item = later.agenda_items.get(order=1)
    last.save()
    assert _keys(last) == _expected_keys(last)
    assert _order_of_results("料金の") == [last.pk, kept.pk]  # the later meeting comes first


def test_the_keys_cannot_be_left_empty(two_meetings, record):
    statement = record.statement(two_meetings[0], "料金の水準について")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE meetings_statement SET sort_meeting_id = NULL WHERE id = %s", [statement.pk])


def test_only_the_bigrams_that_narrow_the_candidates_are_looked_up():
    statistics = BigramStatistics(
        shares={"検討": 0.69, "討会": 0.12, "会で": 0.031, "で、": 0.67, "、電": 0.105, "電気": 0.15},
        floor=0.0005,
        statements=1_000_000,
        meetings=10_000,
    )
    assert bigrams_to_look_up("検討会で、電気", statistics) == sorted(["会で", "、電", "電気", "討会"])
    assert bigrams_to_look_up("輻輳", statistics) == ["輻輳"]
    assert bigrams_to_look_up("検討会で", None) == sorted(["検討", "討会", "会で"])  # no statistics: all
    assert bigrams_to_look_up("未知語", statistics) == ["未知", "知語"]  # both rarer than any listed
