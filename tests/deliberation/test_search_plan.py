"""Search a page at a time: each strategy returns what a substring scan returns, in order, page after page."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.access.permissions import visible_meetings
from apps.deliberation import search_plan
from apps.deliberation.models import Issue, IssueStatement
from apps.deliberation.ngrams import search_form
from apps.deliberation.search_plan import Strategy, search_count, search_page
from apps.deliberation.search_scope import Cursor, SearchScope
from apps.deliberation.search_statistics import Estimate, bigram_statistics, estimated_share
from apps.directory.models import Body
from apps.meetings.models import Meeting, Statement

from .conftest import TOKYO

ALL_STRATEGIES = [Strategy.INDEX, Strategy.ORDERED]


def _sort_key(statement: Statement) -> tuple:
    meeting = statement.agenda_item.meeting
    return (-meeting.starts_at.timestamp(), meeting.pk, statement.agenda_item.order, statement.order, statement.pk)


class Corpus:
    """Every statement with what the filters look at, for answering a search in plain Python."""

    def __init__(self, user) -> None:
        statements = Statement.objects.select_related("agenda_item__meeting")
        self.rows = sorted(statements, key=_sort_key)
        self.texts = {s.pk: search_form(s.text) for s in self.rows}
        self.tags = set(IssueStatement.objects.values_list("issue_id", "statement_id"))
        self.bodies = {body.pk: body for body in Body.objects.all()}
        self.user = user

    def _in_scope(self, meeting: Meeting, scope: SearchScope, visible: set[int]) -> bool:
        if scope.body is not None:
            bodies = set(scope.body.descendant_ids()) if scope.include_sub_bodies else {scope.body.pk}
            if meeting.body_id not in bodies:
                return False
        if scope.starts_from is not None and meeting.starts_at < scope.starts_from:
            return False
        if scope.starts_before is not None and meeting.starts_at >= scope.starts_before:
            return False
        return (scope.meeting is None or meeting.pk == scope.meeting.pk) and meeting.pk in visible

    def expected(self, needle: str, scope: SearchScope) -> list[int]:
        # Who may read what has its own tests (tests/core): here it is taken as it is.
        meetings = Meeting.objects.all() if scope.user is None else visible_meetings(scope.user)
        visible = set(meetings.values_list("pk", flat=True))
        found = []
        for s in self.rows:
            if needle not in self.texts[s.pk] or not self._in_scope(s.agenda_item.meeting, scope, visible):
                continue
            if scope.speaker is not None and s.speaker_id != scope.speaker.pk:
                continue
            if scope.organization is not None and s.speaker_organization_id != scope.organization.pk:
                continue
            if scope.issue is not None and (scope.issue.pk, s.pk) not in self.tags:
                continue
            found.append(s.pk)
        return found


def _all_pages(term: str, scope: SearchScope, strategy: Strategy | None, size: int) -> list[int]:
    found: list[int] = []
    after = None
    while True:
        page = search_page(term=term, scope=scope, after=after, size=size, strategy=strategy)
        assert len(page.statements) <= size
        found += [s.pk for s in page.statements]
        if page.next_cursor is None:
            return found
        assert len(page.statements) == size
        after = page.next_cursor


@pytest.fixture
def corpus(personas, record) -> Corpus:
    """Synthetic minutes in three bodies, plus meetings of two bodies starting at the same time."""
    call_command("generate_data", bodies=3, meetings=12, statements=1200, seed=7, verbosity=0)
    for body in (personas.study_group, personas.working_party):
        tied = record.meeting(body, 3)
        for text in ("料金プランの件、料金について", "ＩｏＴの料金", "輻輳の抑制について"):
            record.statement(tied, text)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE meetings_statement")
    return Corpus(personas.member)


def _scopes(corpus: Corpus, personas) -> list[SearchScope]:
    generated = Body.objects.filter(parent__isnull=True).exclude(
        pk__in=[personas.study_group.pk, personas.other_body.pk]
    )
    root = generated.order_by("pk").first()
    some = Statement.objects.filter(speaker__isnull=False, speaker_organization__isnull=False).order_by("pk")[100]
    meeting = some.agenda_item.meeting
    issue_id = min(issue for issue, _ in corpus.tags)
    return [
        SearchScope(),
        SearchScope(body=root),
        SearchScope(body=root, include_sub_bodies=False),
        SearchScope(meeting=meeting),
        SearchScope(speaker=some.speaker),
        SearchScope(organization=some.speaker_organization),
        SearchScope(issue=Issue.objects.get(pk=issue_id)),
        SearchScope(starts_from=meeting.starts_at, starts_before=meeting.starts_at + timedelta(days=200)),
        SearchScope(body=personas.study_group, user=personas.member),
    ]


TERMS = ["料金", "ローミング", "輻輳", "事業者", "の", "、", "iot", "ＳＩＭ", "緊急通報", "存在しない語"]


@pytest.mark.parametrize("strategy", ALL_STRATEGIES)
def test_every_page_equals_the_scan_for_each_term_and_filter(corpus, personas, strategy):
    for scope in _scopes(corpus, personas):
        for term in TERMS:
            expected = corpus.expected(search_form(term), scope)
            assert _all_pages(term, scope, strategy, size=30) == expected, (term, scope)


def test_the_list_without_a_term_pages_through_every_statement_in_order(corpus, personas):
    for scope in _scopes(corpus, personas)[:4]:
        assert _all_pages("", scope, None, size=50) == corpus.expected("", scope)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_terms_from_the_statements_page_like_the_scan(corpus, personas, data):
    scopes = _scopes(corpus, personas)
    statement = corpus.rows[data.draw(st.integers(0, len(corpus.rows) - 1), label="statement")]
    text = corpus.texts[statement.pk]
    start = data.draw(st.integers(0, max(len(text) - 1, 0)), label="start")
    term = text[start : start + data.draw(st.integers(1, 6), label="length")]
    scope = data.draw(st.sampled_from(scopes), label="scope")
    strategy = data.draw(st.sampled_from([None, *ALL_STRATEGIES]), label="strategy")
    size = data.draw(st.sampled_from([7, 50]), label="size")
    if term.strip():
        assert _all_pages(term, scope, strategy, size) == corpus.expected(search_form(term).strip(), scope)


def _chosen(needle: str) -> Strategy:
    return search_plan._plan(needle, bigram_statistics(), SearchScope())[0]


def test_the_strategy_follows_the_estimated_share_of_the_term(corpus, monkeypatch):
    assert _chosen("の") is Strategy.ORDERED  # no bigram: nothing to look up
    share_of_the_commonest = estimated_share("ての", bigram_statistics())
    share_of_a_rare_one = estimated_share("輻輳", bigram_statistics())
    assert share_of_the_commonest is not None and share_of_a_rare_one is not None
    assert share_of_a_rare_one.share < share_of_the_commonest.share
    monkeypatch.setattr(search_plan, "estimated_share", lambda needle, statistics: Estimate(0.5, 10**6, 10**4))
    assert _chosen("料金") is Strategy.ORDERED
    monkeypatch.setattr(search_plan, "estimated_share", lambda needle, statistics: Estimate(0.001, 10**6, 10**4))
    assert _chosen("料金") is Strategy.INDEX
    monkeypatch.setattr(search_plan, "estimated_share", lambda needle, statistics: None)  # no statistics yet
    assert _chosen("料金") is Strategy.INDEX


def test_a_rare_term_of_common_bigrams_tries_the_newest_meetings_then_the_index(corpus, monkeypatch):
    """Estimated common (its bigrams are), the term is rare: the probe finds too few, the index answers."""
    monkeypatch.setattr(search_plan, "estimated_share", lambda needle, statistics: Estimate(0.9, 1200, 12))
    monkeypatch.setattr(search_plan, "PROBE_STATEMENTS", 500)  # the newest five meetings
    for term, strategy in (("輻輳の抑制", Strategy.INDEX), ("ている", Strategy.ORDERED)):
        page = search_page(term=term, size=5)
        assert page.strategy is strategy, term
        assert _all_pages(term, SearchScope(), None, size=5) == corpus.expected(term, SearchScope())


def test_counts_are_exact_up_to_the_limit_then_say_more(corpus, monkeypatch):
    for share in (0.9, 0.0001):  # counted by the ordered scan, then through the index
        monkeypatch.setattr(
            search_plan, "estimated_share", lambda needle, statistics, share=share: Estimate(share, 10**6, 10**4)
        )
        for scope in (SearchScope(), SearchScope(user=corpus.user)):
            for term in ("料金", "輻輳", ""):
                expected = len(corpus.expected(term, scope))
                assert search_count(term=term, scope=scope).value == expected, (term, share)
    monkeypatch.undo()
    monkeypatch.setattr(search_plan, "COUNT_LIMIT", 10)
    count = search_count(term="の")
    assert (count.value, count.at_least, str(count)) == (10, True, "10+")
    assert str(search_count(term="存在しない語")) == "0"


def _page_queries(strategy: Strategy) -> int:
    """A page is one query; through the index, one more before it gives its bitmap room."""
    return 2 if strategy is Strategy.INDEX else 1


@pytest.mark.parametrize("strategy", ALL_STRATEGIES)
def test_a_page_is_one_query_and_choosing_the_strategy_one_more(
    corpus, personas, strategy, django_assert_num_queries, monkeypatch
):
    scope = SearchScope(body=personas.study_group)
    first = search_page(term="料金", scope=scope, size=2, strategy=strategy)
    with django_assert_num_queries(_page_queries(strategy)):
        page = search_page(term="料金", scope=scope, after=first.next_cursor, size=50, strategy=strategy)
        [(s.agenda_item.meeting.starts_at, s.agenda_item.order, s.text) for s in page.statements]
    bigram_statistics()  # the frequencies are read once per ANALYZE (see the next test)
    with CaptureQueriesContext(connection) as queries:
        chosen = search_page(term="料金", size=50).strategy
    assert len(queries) == 1 + _page_queries(chosen)  # when the statistics were renewed, the page
    for share, by_index in ((0.0001, True), (0.9, False)):  # counted through the index, or by the scan
        with monkeypatch.context() as patched:
            patched.setattr(
                search_plan, "estimated_share", lambda needle, statistics, share=share: Estimate(share, 10**6, 10**4)
            )
            with django_assert_num_queries(3 if by_index else 2):  # the statistics' date, (room,) the count
                search_count(term="料金")
    # For a reader, the bodies whose drafts they may read come first (apps.access, one query).
    with django_assert_num_queries(1 + _page_queries(strategy)):
        search_page(term="料金", scope=replace(scope, user=personas.member), strategy=strategy)


def test_the_bigram_frequencies_are_read_again_only_after_analyze(corpus, personas, record, django_assert_num_queries):
    with django_assert_num_queries(2):
        first = bigram_statistics()
    with django_assert_num_queries(1):
        assert bigram_statistics() is first
    draft = record.meeting(personas.study_group, 40)
    for n in range(300):
        record.statement(draft, f"追加の発言{n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE meetings_statement")
        # A transaction sees the activity statistics as it first read them; the next request's
        # transaction would start afresh, which is what this stands for.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
    with django_assert_num_queries(2):
        renewed = bigram_statistics()
    assert renewed is not None and first is not None
    assert renewed.statements > first.statements


def test_a_cursor_that_is_not_one_is_refused_with_its_field():
    for token in ("nonsense", "W10", "", "eyJhIjoxfQ"):
        if token:
            with pytest.raises(ValidationError) as error:
                Cursor.decode(token)
            assert "cursor" in error.value.message_dict


def test_a_cursor_round_trips():
    cursor = Cursor(datetime(2022, 12, 20, 15, tzinfo=TOKYO), 3, 2, 5, 991)
    assert Cursor.decode(cursor.encode()) == cursor
    assert Cursor.decode(replace(cursor, statement_id=7).encode()).statement_id == 7


def test_a_term_over_the_length_limit_is_refused():
    with pytest.raises(ValidationError, match="at most 100"):
        search_page(term="料" * 101)


def test_meetings_are_read_newest_first_through_their_index(corpus):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM meetings_meeting ORDER BY starts_at DESC, id LIMIT 5")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "meeting_newest_first" in plan
    assert Meeting.objects.count() > 12


def test_filters_make_even_a_two_character_term_probe_first(corpus, personas, monkeypatch):
    """A speaker says a common word seldom: what the newest meetings hold decides, not the estimate."""
    monkeypatch.setattr(search_plan, "estimated_share", lambda needle, statistics: Estimate(0.5, 10**6, 10**4))
    some = Statement.objects.filter(speaker__isnull=False).order_by("pk").first()
    assert search_plan._plan("料金", None, SearchScope()) == (Strategy.ORDERED, None)
    strategy, window = search_plan._plan("料金", None, SearchScope(speaker=some.speaker))
    assert strategy is Strategy.ORDERED and window is not None
    # One meeting holds at most MEETING_MAX_STATEMENTS: read in order, whatever the term.
    assert search_plan._plan("料金の", None, SearchScope(meeting=some.agenda_item.meeting)) == (Strategy.ORDERED, None)


def test_after_a_probe_the_ordered_scan_goes_on_from_the_meetings_after_it(corpus, personas, monkeypatch):
    """A speaker's common word: the probe of the newest meeting finds a few, the scan the rest, in order."""
    monkeypatch.setattr(search_plan, "PROBE_STATEMENTS", 100)  # about the newest meeting
    monkeypatch.setattr(search_plan, "estimated_share", lambda needle, statistics: Estimate(0.9, 1200, 12))
    probed: list[int] = []
    monkeypatch.setattr(
        search_plan, "_after_probe", lambda needle, found, statistics: probed.append(found) or Strategy.ORDERED
    )
    scopes = [scope for scope in _scopes(corpus, personas) if scope.filters_statements]
    for scope in scopes:
        for term in ("料金", "事業者", "ている"):
            assert _all_pages(term, scope, None, size=7) == corpus.expected(search_form(term), scope), (term, scope)
    assert len(probed) > 10 and any(found > 0 for found in probed)  # pages begun in the probe, ended after it
