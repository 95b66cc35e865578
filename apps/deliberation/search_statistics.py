"""What the database knows of how common each bigram is, for choosing how to search (PostgreSQL).

ANALYZE keeps, on the bigram index, the most common bigrams with the share of statements holding
each (every bigram above about 0.05 %, see search_sql.STATISTICS_TARGET). They are read once per
process and again only after the next ANALYZE: a search asks one cheap question (when was the
table analyzed) instead of reading and parsing thousands of frequencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from . import search_sql
from .ngrams import bigrams

# A posting in the index costs about this share of a candidate row fetched and rechecked
# (measured at 1M statements: skipping through a bigram held by 700,000 statements took 4 ms;
# 4,000 candidates, 11 ms).
POSTING_COST_PER_CANDIDATE = 1 / 500


@dataclass(frozen=True)
class BigramStatistics:
    shares: dict[str, float]  # the most common bigrams
    floor: float  # any bigram not listed is in fewer statements than this share
    statements: int
    meetings: int

    def share(self, gram: str) -> float:
        return self.shares.get(gram, self.floor)


@dataclass(frozen=True)
class Estimate:
    share: float  # at most this share of statements contain the term
    statements: int
    meetings: int


_cache: dict[str, tuple[datetime, BigramStatistics | None]] = {}


def bigram_statistics() -> BigramStatistics | None:
    """The statistics as of the last ANALYZE; None before the first, and off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(search_sql.STATISTICS_VERSION)
        analyzed_at, statements, meetings = cursor.fetchone()
        if analyzed_at is None:
            return None
        cached = _cache.get(connection.settings_dict["NAME"])
        if cached is not None and cached[0] == analyzed_at:
            return cached[1]
        cursor.execute(search_sql.BIGRAM_FREQUENCIES, [search_sql.INDEX_NAME])
        row = cursor.fetchone()
    statistics = None
    if row is not None and row[0] is not None:
        elements, frequencies, floor = row
        statistics = BigramStatistics(
            shares=dict(zip(elements, frequencies, strict=False)),
            floor=float(floor),
            statements=max(int(statements or 0), 1),
            meetings=max(int(meetings or 0), 1),
        )
    _cache[connection.settings_dict["NAME"]] = (analyzed_at, statistics)  # one assignment: no lock needed
    return statistics


def estimated_share(needle: str, statistics: BigramStatistics | None) -> Estimate | None:
    """Upper bound of the share of statements containing `needle`: its rarest bigram's.

    None without statistics, or without a bigram (one character).
    """
    grams = bigrams(needle)
    if statistics is None or not grams:
        return None
    share = min(statistics.share(gram) for gram in grams)
    return Estimate(share, statistics.statements, statistics.meetings)


def bigrams_to_look_up(needle: str, statistics: BigramStatistics | None) -> list[str]:
    """The bigrams of `needle` worth their postings: from the rarest, each that narrows the
    candidates more than it costs to skip through.

    Every candidate is rechecked against the text, so leaving a bigram out never changes the
    result, only the work: 検討会で、電気 reads 4,116 candidates either way, but looking up
    検討 and で、 (each in two thirds of the statements) doubled the time in the index. The
    narrowing is estimated as if the bigrams were independent, which they are not, so this errs
    towards fewer lookups and more rechecks.
    """
    grams = sorted(bigrams(needle))
    if statistics is None or len(grams) < 2:
        return grams
    by_share = sorted(grams, key=lambda gram: (statistics.share(gram), gram))
    chosen = [by_share[0]]
    candidates = statistics.share(by_share[0]) * statistics.statements
    for gram in by_share[1:]:
        share = statistics.share(gram)
        postings = share * statistics.statements
        if postings * POSTING_COST_PER_CANDIDATE < candidates * (1 - share):
            chosen.append(gram)
            candidates *= share
    return sorted(chosen)
