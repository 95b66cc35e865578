"""The measurements of bench_scale, in a process of its own on its own database.

Prints progress to stderr and, as its last line on stdout, the result rows as JSON.
"""

import csv
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# SCALE_SIZES and LOAD_SECONDS shorten a trial run; `make bench` uses the defaults.
SIZES = tuple(int(size) for size in os.environ.get("SCALE_SIZES", "10000,50000,200000").split(","))
STATEMENTS_PER_MEETING = 130  # about what a two-hour meeting records
BODIES_PER_STEP = 6
RUNS = 15
RARE_TERM = "輻輳"  # a topic word of the reference minutes, in a small share of the synthetic statements
LOAD_CLIENTS = 20
LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))


def log(message: str) -> None:
    print(f"# scale: {message}", file=sys.stderr, flush=True)


def setup() -> None:
    from apps.core.db.ensure import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["127.0.0.1"]  # the in-process client's requests

    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)  # this database is the benchmark's own


def grow_to(size: int, current: int, seed: int) -> float:
    from django.core.management import call_command
    from django.db import connection

    added = size - current
    started = time.perf_counter()
    call_command(
        "generate_data",
        bodies=BODIES_PER_STEP,
        meetings=max(BODIES_PER_STEP, added // STATEMENTS_PER_MEETING),
        statements=added,
        seed=seed,
        verbosity=0,
    )
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum would do after a load this size
    return elapsed


def dashboard_tokens(count: int) -> list[str]:
    """Tokens that see every body, as a ministry-wide dashboard would."""
    from django.contrib.auth.models import User

    from apps.api.models import DashboardToken
    from apps.directory.models import Body

    roots = list(Body.objects.filter(parent__isnull=True))
    # Issued by an administrator: a token reaches only what its issuer runs.
    issuer = User.objects.filter(is_superuser=True, is_active=True).first() or User.objects.create_superuser(
        "bench-admin", "bench-admin@example.jp", None
    )
    raws = []
    for index in range(count):
        token = DashboardToken(name=f"bench dashboard {index}", created_by=issuer)
        raws.append(token.set_new_key())
        token.save()
        token.bodies.set(roots)
    return raws


def median_ms(client, url: str, token: str) -> float:
    for _ in range(2):  # warm caches and connections
        client.get(url, HTTP_AUTHORIZATION=f"Token {token}")
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, HTTP_AUTHORIZATION=f"Token {token}")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return statistics.median(timings)


def api_latencies(size: int) -> dict[str, float]:
    from django.test import Client

    from apps.directory.models import Body

    token = dashboard_tokens(1)[0]
    body = Body.objects.filter(parent__isnull=True).order_by("pk").first()
    client = Client(SERVER_NAME="127.0.0.1")
    urls = {
        "API statements list, first page of 50": "/api/v1/statements/?page_size=50",
        "API statements list, page 10 of 50": "/api/v1/statements/?page_size=50&page=10",
        f"API statement search '{RARE_TERM}', first page": f"/api/v1/statements/?q={RARE_TERM}&page_size=50",
        "API meetings of one body": f"/api/v1/meetings/?body={body.pk}",
    }
    return {name: median_ms(client, url, token) for name, url in urls.items()}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_test() -> list[dict]:
    """gunicorn with the production settings, locust in another process, 20 clients for 30 s."""
    from apps.directory.models import Body
    from apps.meetings.models import Meeting

    port = free_port()
    server_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1)),
    }
    server_env.pop("CELERY_BROKER_URL", None)
    log("collectstatic")  # as a deployment does: the portal's pages need the manifest to be current
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=server_env,
        check=True,
    )
    meetings = Meeting.objects.filter(minutes__status="published").order_by("?").values_list("pk", flat=True)[:300]
    load_env = {
        **os.environ,
        "LOAD_TOKENS": ",".join(dashboard_tokens(LOAD_CLIENTS)),
        "LOAD_BODIES": ",".join(str(pk) for pk in Body.objects.values_list("pk", flat=True)),
        "LOAD_MEETINGS": ",".join(str(pk) for pk in meetings),
        "LOAD_TERMS": RARE_TERM,
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=server_env, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        wait_for_health(f"http://127.0.0.1:{port}/healthz")
        with tempfile.TemporaryDirectory() as directory:
            prefix = Path(directory) / "load"
            log(f"locust: {LOAD_CLIENTS} clients for {LOAD_SECONDS} s")
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
                + ["-u", str(LOAD_CLIENTS), "-r", str(LOAD_CLIENTS), "-t", f"{LOAD_SECONDS}s"]
                + ["--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary"]
                + ["--loglevel", "WARNING", "--exit-code-on-error", "0"],
                cwd=ROOT,
                env=load_env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as stats:
                rows = list(csv.DictReader(stats))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return load_rows(rows)


def wait_for_health(url: str) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not become healthy at {url}")


def load_rows(stats: list[dict]) -> list[dict]:
    label = f"load, {LOAD_CLIENTS} clients, {LOAD_SECONDS} s, {SIZES[-1] // 1000}k statements"
    rows = []
    total = next(row for row in stats if row["Name"] == "Aggregated")
    for row in stats:
        if row["Name"] == "Aggregated":
            continue
        rows.append({"name": f"{label}: p95 {row['Name']}", "value": float(row["95%"]), "unit": "ms"})
    rows += [
        {"name": f"{label}: p95 all requests", "value": float(total["95%"]), "unit": "ms"},
        {"name": f"{label}: median all requests", "value": float(total["50%"]), "unit": "ms"},
        {"name": f"{label}: throughput", "value": float(total["Requests/s"]), "unit": "req/s"},
        {"name": f"{label}: requests", "value": float(total["Request Count"]), "unit": "count"},
        {"name": f"{label}: failed requests", "value": float(total["Failure Count"]), "unit": "count", "target": "0"},
    ]
    return rows


def main() -> None:
    setup()
    results: list[dict] = []
    baselines: dict[str, float] = {}
    current = 0
    generation_seconds = 0.0
    for step, size in enumerate(SIZES, start=1):
        log(f"growing to {size:,} statements")
        generation_seconds += grow_to(size, current, seed=step)
        current = size
        for name, value in api_latencies(size).items():
            baseline = baselines.setdefault(name, value)
            row = {"name": f"{name} @ {size // 1000}k statements", "value": value, "unit": "ms"}
            if size != SIZES[0]:
                row.update(baseline=baseline, ratio=value / baseline)
                if size == SIZES[-1]:
                    row["target"] = "ratio < 4 (data × 20)"
            results.append(row)
    results.append(
        {
            "name": f"generate_data: {SIZES[-1]:,} statements (steps of {', '.join(f'{s:,}' for s in SIZES)})",
            "value": generation_seconds,
            "unit": "s",
            "target": "< 120 s",
        }
    )
    results += load_test()
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
