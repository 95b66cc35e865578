"""Statement search on PostgreSQL: substring semantics, NFKC, filters, and the bigram index."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.core.text import normalize
from apps.deliberation import search_sql, services
from apps.deliberation.search import statement_search
from apps.directory.models import Person
from apps.meetings.models import Statement

TEXTS = [
    "料金プランについて、非常時だけ使えますというようなものがあると導入しやすい",
    "２ギガバイト４４０円というのは通信障害への代替的通信手段",
    "ＩｏＴサービスに関して携帯電話のネットワークが利用されている",
    "IoT機器については、自動的に切り替わるようにロジックを作っていく",
    "相田座長をはじめとしまして構成員の皆様方",
    "料金については、かなり慎重に考えていただければ",
    "大規模災害時に契約をすることが可能か",
    "100%の保証は難しい_そのため",
]


@pytest.fixture
def statements(personas, record):
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    party = record.meeting(personas.working_party, 1)
    elsewhere = record.meeting(personas.other_body, 1)
    kddi = record.organization("KDDI株式会社")
    fujii = Person.objects.create(family_name="藤井")
    made = [
        record.statement(sixth, TEXTS[0], label="長谷川構成員"),
        record.statement(sixth, TEXTS[1], label="インターネットイニシアティブ（佐々木）"),
        record.statement(fifth, TEXTS[2], label="藤井構成員", speaker=fujii),
        record.statement(party, TEXTS[3], label="ＫＤＤＩ（前田）", speaker_organization=kddi),
        record.statement(sixth, TEXTS[4], label="木村電気通信事業部長"),
        record.statement(sixth, TEXTS[5], label="藤井構成員", speaker=fujii),
        record.statement(elsewhere, TEXTS[6], label="ＫＤＤＩ（前田）", speaker_organization=kddi),
        record.statement(fifth, TEXTS[7], label="事務局"),
    ]
    return made


def _texts(queryset) -> list[str]:
    return [statement.text for statement in queryset]


def test_a_two_character_term_finds_every_statement_containing_it(statements):
    assert _texts(statement_search(term="料金")) == [TEXTS[0], TEXTS[5]]
    assert _texts(statement_search(term="座長")) == [TEXTS[4]]


def test_a_five_character_term(statements):
    assert _texts(statement_search(term="大規模災害")) == [TEXTS[6]]
    assert _texts(statement_search(term="代替的通信")) == [TEXTS[1]]


def test_full_and_half_width_forms_and_case_are_the_same(statements):
    expected = {TEXTS[2], TEXTS[3]}
    for term in ("IoT", "ＩｏＴ", "iot", "ｉｏｔ"):
        assert set(_texts(statement_search(term=term))) == expected, term
    assert _texts(statement_search(term="440円")) == [TEXTS[1]]


def test_like_wildcards_in_the_term_are_literal(statements):
    assert _texts(statement_search(term="%の")) == [TEXTS[7]]
    assert _texts(statement_search(term="い_そ")) == [TEXTS[7]]
    assert _texts(statement_search(term="料%")) == []


def test_a_one_character_term_is_scanned(statements):
    assert set(_texts(statement_search(term="円"))) == {TEXTS[1]}


def test_an_empty_term_is_refused(statements):
    with pytest.raises(ValidationError, match="Enter a word"):
        statement_search(term=" 　")


def test_filters_by_body_meeting_speaker_organization_and_issue(personas, statements):
    sixth = statements[0].agenda_item.meeting
    fujii = statements[2].speaker
    kddi = statements[3].speaker_organization
    assert set(_texts(statement_search(term="IoT", body=personas.study_group))) == {TEXTS[2], TEXTS[3]}
    assert _texts(statement_search(term="IoT", body=personas.study_group, include_sub_bodies=False)) == [TEXTS[2]]
    assert _texts(statement_search(term="料金", meeting=sixth)) == [TEXTS[0], TEXTS[5]]
    assert _texts(statement_search(term="料金", speaker=fujii)) == [TEXTS[5]]
    assert _texts(statement_search(term="IoT", organization=kddi)) == [TEXTS[3]]
    assert _texts(statement_search(term="大規模", organization=kddi, body=personas.study_group)) == []
    issue = services.issue_create(body=personas.study_group, title="非常時のみの料金", by=None)
    services.issue_tag_statement(issue=issue, statement=statements[0], by=None)
    assert _texts(statement_search(term="料金", issue=issue)) == [TEXTS[0]]


def test_a_search_of_a_body_and_the_bodies_below_it_is_one_query(personas, statements, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = _texts(statement_search(term="IoT", body=personas.study_group))
    assert set(found) == {TEXTS[2], TEXTS[3]}  # the second from a body below the study group


def test_results_respect_who_may_read_the_minutes(personas, statements):
    assert _texts(statement_search(term="料金", user=personas.member)) == [TEXTS[0], TEXTS[5]]
    assert _texts(statement_search(term="料金", user=personas.outsider)) == []


def test_results_equal_a_plain_substring_scan(personas, record):
    """Random statements from the minutes' own characters: index and scan agree on every term."""
    rng = random.Random(20221220)
    alphabet = "料金座長通信障害非常時ローミングデュアルSIMＳＩＭｅsimIoTのをはにがで、。２2ギガ"
    meeting = record.meeting(personas.study_group, 6)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 40))) for _ in range(150)]
    for text in texts:
        record.statement(meeting, text)
    terms = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(60)}
    terms |= {"料金", "座長", "SIM", "ｓｉｍ", "ローミング", "2ギ"}
    for term in sorted(terms):
        needle = normalize(term).lower().strip()
        if not needle:
            continue
        scan = sorted(t for t in texts if needle in normalize(t).lower())
        assert sorted(_texts(statement_search(term=term))) == scan, term
        assert sorted(_texts(statement_search(term=term, indexed=False))) == scan, term


@pytest.fixture
def many_statements(personas, record, statements):
    """A few thousand statements, analysed, so the planner weighs the index against a scan honestly."""
    meeting = record.meeting(personas.study_group, 7)
    agenda_item = meeting.agenda_items.get()
    rng = random.Random(6)
    filler = "通信事業者ネットワーク端末利用者携帯電話サービス提供検討報告書構成員事業者間のをはにがで、。"
    texts = ["".join(rng.choice(filler) for _ in range(80)) for _ in range(4000)]
    Statement.objects.bulk_create(
        Statement(agenda_item=agenda_item, order=i, speaker_label="構成員", text=t, text_normalized=normalize(t))
        for i, t in enumerate(texts, start=1)
    )
    with connection.cursor() as cursor:
        # New entries wait in the GIN pending list until autovacuum merges them (entries of rolled-back
        # tests too); merge them now, as autovacuum would have, so the planner costs the index fairly.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [search_sql.INDEX_NAME])
        cursor.execute("ANALYZE meetings_statement")


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("term", ["料金", "座長", "大規模災害", "ＩｏＴ"])
def test_search_uses_the_bigram_index(many_statements, term):
    queryset = statement_search(term=term)
    plan = _plan(queryset)
    assert f"Bitmap Index Scan on {search_sql.INDEX_NAME}" in plan, plan
    assert "Seq Scan on meetings_statement" not in plan, plan
    assert len(queryset) >= 1


def test_the_index_is_on_the_normalized_text(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [search_sql.INDEX_NAME])
        (definition,) = cursor.fetchone()
    assert "USING gin" in definition
    assert "shingi_bigrams(lower(text_normalized))" in definition


def test_the_search_text_is_kept_inline_and_uncompressed(db):
    # Every candidate of a longer term is rechecked against this column: decompressing it
    # would cost more than the search itself (see search_sql.KEEP_SEARCH_TEXT_INLINE).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'meetings_statement'::regclass"
            " AND attname IN ('text', 'text_normalized') ORDER BY attname"
        )
        assert cursor.fetchall() == [("text", "x"), ("text_normalized", "m")]
