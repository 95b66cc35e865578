"""How cost grows with data, and the app under load: API latency at 10k, 50k and 200k statements,
then 20 concurrent clients (locust, a second process on loopback) against gunicorn at 200k.

The measurements run in a child process (bench/scale_measure.py) on a database of their own
(SCALE_DATABASE_URL, default shingi_bench_scale), emptied first: the sizes are then exactly
10k, 50k and 200k statements, and the other benchmarks' data neither adds to them nor is
disturbed. Latency growth is reported as a ratio to the 10k value measured in the same run:
20 times the data should cost well under 20 times the time (flat or logarithmic, not linear).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCALE_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shingi_bench_scale"


def run() -> list[dict]:
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("SCALE_DATABASE_URL", DEFAULT_SCALE_DATABASE_URL),
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
    }
    child = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "bench" / "scale_measure.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        timeout=1800,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])
