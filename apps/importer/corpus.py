"""Score the parser on a corpus of published minutes against fields read by hand.

Plain Python like the parser. A corpus is a folder of documents and an `expected.json`
that lists, for each document, what a reader finds in it: date, start and end time, venue,
speakers in order, agenda titles, and the numbers of attendees, absentees and materials.
Texts, speaker labels and titles are compared in NFKC without whitespace.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from apps.importer.parser import parse_minutes
from apps.importer.result import MinutesError, ParsedMinutes
from apps.importer.sources import read_minutes_text
from apps.importer.text import compact

FIELDS = (
    "date",
    "start_time",
    "end_time",
    "venue",
    "speakers",
    "agenda",
    "attendees",
    "absentees",
    "materials",
)
# Long speaker lists are written down as their first five and their last.
SPEAKERS_KEPT = 6


@dataclass
class DocumentScore:
    file: str
    publisher: str
    layout: str = ""
    right: dict[str, bool] = field(default_factory=dict)
    got: dict[str, object] = field(default_factory=dict)
    lines: int = 0  # non-blank source lines
    placed: int = 0
    unplaced: int = 0
    coverage: float = 0.0
    error: str | None = None

    @property
    def accounted(self) -> bool:
        return self.error is None and self.placed + self.unplaced == self.lines


@dataclass
class CorpusScore:
    documents: list[DocumentScore]
    seconds: float

    def field_share(self, name: str) -> float:
        return sum(d.right.get(name, False) for d in self.documents) / len(self.documents)

    @property
    def overall(self) -> float:
        return sum(sum(d.right.get(f, False) for f in FIELDS) for d in self.documents) / (
            len(self.documents) * len(FIELDS)
        )

    @property
    def accounting(self) -> float:
        return sum(d.accounted for d in self.documents) / len(self.documents)


def _speakers(parsed: ParsedMinutes) -> list[str]:
    return [s.speaker for item in parsed.agenda_items for s in item.statements]


def _shortened(labels: list[str]) -> list[str]:
    return labels if len(labels) <= SPEAKERS_KEPT else labels[:5] + labels[-1:]


def observed(parsed: ParsedMinutes) -> dict[str, object]:
    """The scored fields of a parse, in the form expected.json writes them."""
    return {
        "date": parsed.date.isoformat() if parsed.date else None,
        "start_time": parsed.start_time.strftime("%H:%M") if parsed.start_time else None,
        "end_time": parsed.end_time.strftime("%H:%M") if parsed.end_time else None,
        "venue": parsed.venue,
        "speakers": _speakers(parsed),
        "agenda": [item.title for item in parsed.agenda_items if item.title],
        "attendees": len(parsed.attendees),
        "absentees": len(parsed.absentees),
        "materials": len(parsed.materials),
    }


def _same(name: str, expected: object, got: object) -> bool:
    if name == "venue":
        return compact(str(expected or "")) == compact(str(got or ""))
    if name == "speakers":
        assert isinstance(expected, list) and isinstance(got, list)
        return [compact(s) for s in _shortened(expected)] == [compact(s) for s in _shortened(got)]
    if name == "agenda":
        assert isinstance(expected, list) and isinstance(got, list)
        return [compact(t) for t in expected] == [compact(t) for t in got]
    return expected == got


def score_document(path: Path, expected: dict) -> DocumentScore:
    score = DocumentScore(file=path.name, publisher=expected.get("publisher", ""))
    try:
        text = read_minutes_text(path)
        parsed = parse_minutes(text)
    except MinutesError as exc:
        score.error = str(exc)
        score.right = {name: False for name in FIELDS}
        return score
    score.layout = parsed.layout
    score.got = observed(parsed)
    score.right = {name: _same(name, expected[name], score.got[name]) for name in FIELDS}
    score.lines = parsed.line_count
    score.placed = len(parsed.placed)
    score.unplaced = len(parsed.unplaced)
    score.coverage = parsed.coverage
    return score


def load_expected(folder: Path) -> list[dict]:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))["documents"]


def score_corpus(folder: Path) -> CorpusScore:
    """Parse every document listed in the folder's expected.json and compare field by field."""
    entries = load_expected(folder)
    started = time.perf_counter()
    documents = [score_document(folder / entry["file"], entry) for entry in entries]
    return CorpusScore(documents, time.perf_counter() - started)


def table(score: CorpusScore) -> str:
    """A plain-text table: one row per field, then overall and line accounting."""
    rows = [f"{'field':<14} {'right':>7} {'share':>7}"]
    count = len(score.documents)
    for name in FIELDS:
        right = sum(d.right.get(name, False) for d in score.documents)
        rows.append(f"{name:<14} {right:>3}/{count:<3} {right / count:>7.1%}")
    rows.append(f"{'overall':<14} {'':>7} {score.overall:>7.1%}")
    accounted = sum(d.accounted for d in score.documents)
    rows.append(f"{'line accounting':<14} {accounted:>3}/{count:<3} {score.accounting:>7.1%}")
    return "\n".join(rows)


def misses(score: CorpusScore, expected: list[dict]) -> list[str]:
    """One line per wrong field: file, field, expected and read."""
    by_file = {entry["file"]: entry for entry in expected}
    lines = []
    for document in score.documents:
        if document.error:
            lines.append(f"{document.file}: {document.error}")
            continue
        for name in FIELDS:
            if not document.right[name]:
                lines.append(
                    f"{document.file} {name}: expected {by_file[document.file][name]!r}, read {document.got[name]!r}"
                )
    return lines
