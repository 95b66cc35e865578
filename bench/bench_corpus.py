"""The importer on the corpus of published minutes: fields read right, lines accounted for, speed.

`make corpus` runs this file alone: it prints the table and puts its rows into
bench/results.json (replacing the corpus rows of an earlier run, keeping the others);
`make bench` runs it with every other benchmark. The parse time is measured on the texts
already extracted from their files (PDF and Word extraction is not the parser's), against
a baseline of NFKC-normalising and splitting the same texts.
"""

import json
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apps.importer.corpus import FIELDS, load_expected, score_corpus  # noqa: E402
from apps.importer.parser import parse_minutes  # noqa: E402
from apps.importer.sources import read_minutes_text  # noqa: E402

CORPUS = ROOT / "tests" / "importer" / "corpus"
PREFIX = "importer corpus:"


def _median_ms(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run() -> list[dict]:
    score = score_corpus(CORPUS)
    count = len(score.documents)
    rows: list[dict] = [
        {
            "name": f"{PREFIX} {name} right ({count} documents)",
            "value": 100 * score.field_share(name),
            "unit": "%",
            "target": "information",
        }
        for name in FIELDS
    ]
    rows.append({"name": f"{PREFIX} all fields right", "value": 100 * score.overall, "unit": "%", "target": ">= 97 %"})
    rows.append(
        {
            "name": f"{PREFIX} documents with every line accounted for",
            "value": 100 * score.accounting,
            "unit": "%",
            "target": "100 %",
        }
    )
    texts = [read_minutes_text(CORPUS / entry["file"]) for entry in load_expected(CORPUS)]
    for text in texts:
        parse_minutes(text)  # warm caches and regexes
    parse_ms = _median_ms(lambda: [parse_minutes(text) for text in texts], 5)
    floor_ms = _median_ms(lambda: [unicodedata.normalize("NFKC", text).splitlines() for text in texts], 5)
    rows.append(
        {
            "name": f"{PREFIX} parse all {count} documents",
            "value": parse_ms,
            "unit": "ms",
            "baseline": floor_ms,
            "ratio": parse_ms / floor_ms if floor_ms else None,
            "target": "< 1000 ms (baseline: NFKC + split only)",
        }
    )
    return rows


def main() -> None:
    from bench.run import format_table

    rows = run()
    print(format_table(rows))
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {"results": []}
    results["results"] = [r for r in results["results"] if not r["name"].startswith(PREFIX)] + rows
    results_path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
