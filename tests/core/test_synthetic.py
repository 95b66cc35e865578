"""Synthetic statements: clauses of the reference minutes, drawn as often as Zipf's law says."""

import random
from collections import Counter

from apps.deliberation.ngrams import content_bigrams
from apps.demo.synthetic import Clauses, Phrasebook, reference_vocabulary, statement_text


def test_each_clause_is_drawn_in_proportion_to_one_over_its_rank():
    rng = random.Random(3)
    clauses = Clauses.zipf(["一、", "二、", "三、", "四、", "一、"], rng)
    assert sorted(clauses.texts) == sorted(["一、", "二、", "三、", "四、"])  # each clause once
    draws = Counter(clauses.draw(rng) for _ in range(25_000))
    harmonic = 1 + 1 / 2 + 1 / 3 + 1 / 4
    for rank, text in enumerate(clauses.texts, start=1):
        assert abs(draws[text] / 25_000 - 1 / rank / harmonic) < 0.01, (rank, draws)


def test_the_seed_decides_which_clauses_are_common():
    vocabulary = reference_vocabulary()
    first, again = (Phrasebook.of(vocabulary, random.Random(1)) for _ in range(2))
    other = Phrasebook.of(vocabulary, random.Random(2))
    assert first == again
    assert first.middles.texts != other.middles.texts
    assert set(first.middles.texts) == set(vocabulary.middles)


def test_terms_range_from_rare_to_common_as_in_real_minutes():
    """Drawn evenly, every clause would be in about one statement in eighty: no rare term at all."""
    rng = random.Random(20221220)
    phrasebook = Phrasebook.of(reference_vocabulary(), rng)
    statements = [content_bigrams(statement_text(rng, phrasebook)) for _ in range(4000)]
    shares = sorted(count / len(statements) for count in Counter(g for s in statements for g in s).values())
    assert shares[len(shares) // 10] < 0.005  # a tenth of the terms are in fewer than one statement in 200
