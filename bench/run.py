"""One benchmark suite: `make bench` runs every bench/bench_*.py on PostgreSQL and Redis.

Each module defines `run() -> list[Result]`. A result names what was measured, its value and
unit, and, where the target is a ratio, the baseline measured in the same run (this machine
is noisy, so absolute numbers alone prove little). The table is printed and written to
bench/results.json.
"""

import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import TypedDict

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))


class Result(TypedDict, total=False):
    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: str


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/shingi_bench")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _format_row(row: Result) -> str:
    baseline = row.get("baseline")
    ratio = row.get("ratio")
    return (
        f"{row['name']:<58} {row['value']:>12.3f} {row.get('unit', ''):<8} "
        f"{'' if baseline is None else f'{baseline:.3f}':>12} {'' if ratio is None else f'{ratio:.2f}':>8}  "
        f"{row.get('target', '')}"
    )


def main(selected: list[str]) -> int:
    _setup_django()
    modules = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    if selected:
        modules = [m for m in modules if any(s in m for s in selected)]
    rows: list[Result] = []
    for name in modules:
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        rows.extend(module.run())
        print(f"# {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    header = f"{'name':<58} {'value':>12} {'unit':<8} {'baseline':>12} {'ratio':>8}  target"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(_format_row(row))
    machine = f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    (BENCH_DIR / "results.json").write_text(
        json.dumps(
            {"machine": machine, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": rows},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
