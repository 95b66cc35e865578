"""Japanese text for synthetic data, built from the vocabulary of the reference minutes.

Plain Python, no Django: the reference 議事要旨 is split into statements, sentences and
clauses (at 、), and new sentences are assembled from clauses of different speakers.
The result reads like minutes (it is made of minutes) while every statement is new, so
search has realistic tokens and realistic selectivity.

Clauses are not drawn evenly. Words in real minutes follow Zipf's law: a few phrases come up
all the time and most rarely. Drawn evenly, every clause of one meeting would be in about
one statement in eighty, and so would the rarest term a search could look for. A Phrasebook
gives the k-th clause of a seeded shuffle the weight 1/k.
"""

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from pathlib import Path

REFERENCE_MINUTES = Path(__file__).resolve().parent / "data" / "roaming-6th-minutes.txt"

_SPEAKER_LINE = re.compile(r"^【(?P<label>[^】]+)】$")
_AGENDA_LINE = re.compile(r"^[（(][0-9０-９]+[）)]\s*(?P<title>.+)$")


@dataclass(frozen=True)
class Vocabulary:
    openings: tuple[str, ...]  # first clauses of sentences, ending in 、
    middles: tuple[str, ...]  # inner clauses, ending in 、
    endings: tuple[str, ...]  # last clauses, ending in 。
    agenda_titles: tuple[str, ...]
    proceedings: tuple[str, ...]


def _reference_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class _AgendaReading:
    """The agenda part of the reference minutes, read line by line."""

    bodies: list[str] = field(default_factory=list)  # each statement's text
    agenda_titles: list[str] = field(default_factory=list)
    proceedings: list[str] = field(default_factory=list)
    current: list[str] | None = None  # the statement being read, if any

    def close_statement(self) -> None:
        if self.current:
            self.bodies.append("".join(self.current))

    def read(self, line: str) -> None:
        if _SPEAKER_LINE.match(line):
            self.close_statement()
            self.current = []
        elif heading := _AGENDA_LINE.match(line):
            self.close_statement()
            self.current = None
            title = heading.group("title").strip()
            if title not in {"その他", "閉会"}:
                self.agenda_titles.append(title)
        elif self.current is not None:
            self.current.append(line)
        elif line.endswith("。") and ("説明が行われた" in line or "以下のとおり" in line):
            self.proceedings.append(line)


def _split_clauses(bodies: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Each sentence's first clause, middle clauses and last clause."""
    openings: list[str] = []
    middles: list[str] = []
    endings: list[str] = []
    for body in bodies:
        for sentence in re.findall(r"[^。]+。", body):
            clauses = re.findall(r"[^、]+、|[^、]+$", sentence.strip())
            if len(clauses) > 1:
                openings.append(clauses[0])
                middles.extend(clauses[1:-1])
            endings.append(clauses[-1])
    return openings, middles, endings


@cache
def reference_vocabulary(path: Path = REFERENCE_MINUTES) -> Vocabulary:
    """Clauses, agenda titles and proceedings lines of the reference minutes."""
    lines = _reference_lines(path)
    # The agenda starts at the heading "４ 議事"; the header above it has no statements.
    start = next((i + 1 for i, line in enumerate(lines) if line.startswith("４") and "議事" in line), len(lines))
    reading = _AgendaReading()
    for line in lines[start:]:
        reading.read(line)
    reading.close_statement()
    openings, middles, endings = _split_clauses(reading.bodies)
    return Vocabulary(
        openings=tuple(openings),
        middles=tuple(middles),
        endings=tuple(endings),
        agenda_titles=tuple(reading.agenda_titles),
        proceedings=tuple(reading.proceedings),
    )


@dataclass(frozen=True)
class Clauses:
    """Clauses for one place in a sentence, with the cumulative weights they are drawn by."""

    texts: tuple[str, ...]
    cumulative_weights: tuple[float, ...]

    @classmethod
    def zipf(cls, clauses: Iterable[str], rng: random.Random) -> "Clauses":
        """The k-th clause of a shuffle weighs 1/k: which clauses are common is up to the seed."""
        texts = list(dict.fromkeys(clauses))
        rng.shuffle(texts)
        return cls(tuple(texts), tuple(accumulate(1 / rank for rank in range(1, len(texts) + 1))))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.texts, cum_weights=self.cumulative_weights)[0]


@dataclass(frozen=True)
class Phrasebook:
    """The clauses of a vocabulary as one speaker community uses them: some often, most rarely."""

    openings: Clauses
    middles: Clauses
    endings: Clauses

    @classmethod
    def of(cls, vocabulary: Vocabulary, rng: random.Random) -> "Phrasebook":
        return cls(
            openings=Clauses.zipf(vocabulary.openings, rng),
            middles=Clauses.zipf(vocabulary.middles, rng),
            endings=Clauses.zipf(vocabulary.endings, rng),
        )


def sentence(rng: random.Random, phrasebook: Phrasebook) -> str:
    parts = [phrasebook.openings.draw(rng)]
    parts.extend(phrasebook.middles.draw(rng) for _ in range(rng.choice((0, 0, 1, 1, 2))))
    parts.append(phrasebook.endings.draw(rng))
    return "".join(parts)


def statement_text(rng: random.Random, phrasebook: Phrasebook) -> str:
    """One to three paragraphs of one to three sentences, paragraphs separated by a blank line."""
    paragraphs = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        paragraphs.append("".join(sentence(rng, phrasebook) for _ in range(rng.choice((1, 2, 2, 3)))))
    return "\n\n".join(paragraphs)
