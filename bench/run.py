"""One benchmark suite: `make bench` runs every bench/bench_*.py on PostgreSQL and Redis.

Each module defines `run() -> list[Result]`. A result names what was measured, its value and
unit, and, where the target is a ratio, the baseline measured in the same run (this machine
is noisy, so absolute numbers alone prove little); the ratio is value / baseline unless the
module gives its own. The table is printed, written to bench/results.json with a description
of the machine, and, when every module ran, into README.md between the bench markers.

    python bench/run.py              # everything
    python bench/run.py scale search # only modules whose name contains one of the words
"""

import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import TypedDict

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shingi_bench"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


class Result(TypedDict, total=False):
    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: str


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    from apps.core.db.ensure import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _with_ratio(row: Result) -> Result:
    baseline = row.get("baseline")
    if row.get("ratio") is None and baseline:
        return {**row, "ratio": row["value"] / baseline}
    return row


def _number(value: float | None, digits: int) -> str:
    if value is None:
        return ""
    return f"{value:,.{digits}f}" if abs(value) < 1e6 else f"{value:,.0f}"


def _columns(row: Result) -> list[str]:
    return [
        row["name"],
        _number(row.get("value"), 3),
        row.get("unit", ""),
        _number(row.get("baseline"), 3),
        _number(row.get("ratio"), 2),
        row.get("target", ""),
    ]


HEADER = ["name", "value", "unit", "baseline", "ratio", "target"]


def format_table(rows: list[Result]) -> str:
    lines = [HEADER] + [_columns(row) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    right = {1, 3, 4}
    out = []
    for index, line in enumerate(lines):
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(line)]
        out.append("  ".join(cells).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def markdown_table(rows: list[Result]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|--:|---|--:|--:|---|"]
    for row in rows:
        cells = [cell.replace("|", "\\|") for cell in _columns(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _command_output(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10, check=False).stdout.strip()  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return ""


def describe_machine() -> dict[str, str]:
    """What produced the numbers: CPU, memory, load, and the versions of the parts measured."""
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = models[0] if models else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(meminfo.read_text().split()[1])
        memory = f"{kilobytes / 1024 / 1024:.0f} GiB"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    version_line = _command_output(["redis-server", "--version"])  # "Redis server v=7.0.15 sha=…"
    redis_version = version_line.split("v=", 1)[1].split()[0] if "v=" in version_line else ""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return {
        "cpu": f"{cpu or platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis": redis_version,
        "load average at start": load,
    }


def _update_readme(rows: list[Result], machine: dict[str, str], when: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return
    described = "; ".join(f"{key}: {value}" for key, value in machine.items() if value)
    block = f"{README_START}\nMeasured {when} on {described}.\n\n{markdown_table(rows)}\n{README_END}"
    before, rest = text.split(README_START, 1)
    after = rest.split(README_END, 1)[1]
    readme.write_text(before + block + after, encoding="utf-8")


def main(selected: list[str]) -> int:
    _setup_django()
    machine = describe_machine()
    modules = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    if selected:
        modules = [m for m in modules if any(s in m for s in selected)]
    rows: list[Result] = []
    failed: list[str] = []
    for name in modules:
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            rows.extend(_with_ratio(row) for row in module.run())
        except Exception:  # one broken benchmark must not hide the others' numbers
            traceback.print_exc()
            failed.append(name)
        print(f"# {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    print(format_table(rows))
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    (BENCH_DIR / "results.json").write_text(
        json.dumps({"machine": machine, "when": when, "failed": failed, "results": rows}, ensure_ascii=False, indent=2)
        + "\n",
        encoding="utf-8",
    )
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if not selected:
        _update_readme(rows, machine, when)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
