"""The SQL bigram function behind the search index gives exactly Python's bigram sets."""

import random

import pytest
from django.db import connection

from apps.deliberation.ngrams import bigrams, search_form
from apps.demo.synthetic import Phrasebook, reference_vocabulary, statement_text

EDGE_CASES = ["", "a", "ab", "aaa", "料金", "ＮＴＴドコモ（小林）", "一行目\n\n二行目", "a\nb", "🙂x🙂", "  "]


@pytest.mark.django_db
@pytest.mark.parametrize("text", EDGE_CASES)
def test_shingi_bigrams_matches_python_on_edge_cases(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT shingi_bigrams(%s)", [text])
        assert set(cursor.fetchone()[0]) == bigrams(text)


@pytest.mark.django_db
def test_shingi_bigrams_matches_python_on_statements_like_the_minutes():
    rng = random.Random(5)
    phrasebook = Phrasebook.of(reference_vocabulary(), rng)
    texts = [search_form(statement_text(rng, phrasebook)) for _ in range(200)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shingi_bigrams(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n", [texts]
        )
        results = [set(row[0]) for row in cursor.fetchall()]
    assert results == [bigrams(text) for text in texts]
