"""`?q=` on /api/v1/statements/ finds what a substring scan of the NFKC text finds, through the bigram index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.deliberation import search_sql
from apps.meetings.models import Statement

from .conftest import client_for, make_meeting, make_statement

pytestmark = pytest.mark.django_db

TEXTS = [
    "ＮＴＴドコモから補足します。",
    "輻輳の抑制が課題です。",
    "利用者の混乱による輻輳",
    "ｅＳＩＭの契約急増への対応。",
    "料金プランについて。",
]


@pytest.fixture
def meeting(personas):
    meeting = make_meeting(personas.study_group, 9, None)
    for order, text in enumerate(TEXTS, start=1):
        make_statement(meeting, order, text)
    return meeting


@pytest.mark.parametrize("term", ["NTT", "ＮＴＴ", "輻輳", "輻輳の抑制", "esim", "料", "プラン", "存在しない語"])
def test_search_matches_a_substring_scan_of_the_nfkc_text(personas, meeting, term):
    from apps.deliberation.ngrams import search_form

    expected = sorted(s.pk for s in Statement.objects.all() if search_form(term) in search_form(s.text))
    response = client_for(personas.member).get("/api/v1/statements/", {"q": term, "meeting": meeting.pk})
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()["results"]) == expected


def test_search_goes_through_the_bigram_index(personas, meeting):
    with CaptureQueriesContext(connection) as queries:
        response = client_for(personas.member).get("/api/v1/statements/", {"q": "輻輳"})
    assert response.status_code == 200 and response.json()["count"] == 2
    assert any(search_sql.BIGRAM_FUNCTION in query["sql"] for query in queries.captured_queries)


# --- /api/v1/statement-search/: keyset pages, capped count, snippets -----------------------------


def test_keyset_pages_cover_every_match_in_order_with_snippets(personas, meeting, django_assert_max_num_queries):
    later = make_meeting(personas.study_group, 10, None)
    for order in range(1, 4):
        make_statement(later, order, f"後の会議の輻輳の話 {order}")
    client = client_for(personas.member)
    pages, url, params = [], "/api/v1/statement-search/", {"q": "輻輳", "page_size": 2}
    while url:
        # session and user, the reader's bodies; for the page and for the count, the statistics'
        # date, room for the index's bitmap and the query itself; on the first, the frequencies
        with django_assert_max_num_queries(10):
            response = client.get(url, params)
        assert response.status_code == 200, response.json()
        pages.append(response.json())
        url, params = response.json()["next"], None
    found = [row for page in pages for row in page["results"]]
    assert [row["text"] for row in found][:3] == [f"後の会議の輻輳の話 {n}" for n in (1, 2, 3)]  # newest meeting first
    assert len(found) == 5 and pages[0]["count"] == 5 and pages[0]["count_is_lower_bound"] is False
    assert pages[1]["count"] is None  # counted once, on the first page
    assert found[3]["snippet"] == "<mark>輻輳</mark>の抑制が課題です。"


def test_a_snippet_escapes_the_statement_text(personas, meeting):
    make_statement(meeting, 9, "<script>alert(1)</script>の輻輳")
    response = client_for(personas.member).get("/api/v1/statement-search/", {"q": "輻輳", "meeting": meeting.pk})
    snippets = [row["snippet"] for row in response.json()["results"]]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;の<mark>輻輳</mark>" in snippets


def test_without_a_term_it_lists_every_statement_in_scope(personas, meeting):
    response = client_for(personas.member).get("/api/v1/statement-search/", {"meeting": meeting.pk})
    assert [row["text"] for row in response.json()["results"]] == TEXTS


def test_bad_parameters_are_named(personas, meeting):
    client = client_for(personas.member)
    response = client.get("/api/v1/statement-search/", {"q": "料" * 101})
    assert response.status_code == 400 and "q" in response.json()["error"]["fields"]
    response = client.get("/api/v1/statement-search/", {"q": "料金", "cursor": "nonsense"})
    assert response.status_code == 400 and "cursor" in response.json()["error"]["fields"]
    response = client.get("/api/v1/statement-search/", {"body": 999999})
    assert response.status_code == 400 and "body" in response.json()["error"]["fields"]


def test_drafts_stay_hidden_from_those_who_may_not_read_them(personas, record):
    assert client_for(None).get("/api/v1/statement-search/", {"q": "未公開"}).status_code == 401
    for who, expected in ((personas.member, {"未公開の発言。"}), (personas.outsider, set())):
        response = client_for(who).get("/api/v1/statement-search/", {"q": "未公開"})
        assert response.status_code == 200, response.json()
        assert {row["text"] for row in response.json()["results"]} == expected, who
    for token, expected in (("read_token", {"ＩｏＴ機器の優先度を検討すべき。"}), ("other_token", set())):
        response = client_for(token, record).get("/api/v1/statement-search/", {"q": "の"})
        assert {row["text"] for row in response.json()["results"]} == expected, token
