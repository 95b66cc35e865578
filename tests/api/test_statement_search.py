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
