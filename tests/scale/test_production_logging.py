"""Under gunicorn with LOG_FORMAT=json every log line, requests included, is one JSON object."""

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from tests.faults.conftest import REPO, _free_port, process_environment, wait_until


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.django_db(transaction=True)
def test_gunicorn_logs_requests_and_errors_as_json(tmp_path):
    port = _free_port()
    out, err = tmp_path / "out.log", tmp_path / "err.log"
    env = process_environment(
        LOG_FORMAT="json", GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1", ALLOWED_HOSTS="127.0.0.1"
    )
    env.pop("CELERY_BROKER_URL", None)
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=stdout, stderr=stderr)  # noqa: S603
    try:

        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:  # noqa: S310
                    return response.status == 200
            except OSError:
                return False

        wait_until(healthy, timeout=60, interval=0.3, what="gunicorn")
    except AssertionError:
        raise AssertionError(out.read_text()[-2000:] + err.read_text()[-2000:]) from None
    finally:
        server.terminate()
        server.wait(timeout=30)

    requests = [line for line in _json_lines(out.read_text()) if line.get("name") == "gunicorn.access"]
    assert any(line["path"] == "/healthz" and line["status"] == 200 for line in requests), requests
    assert {"method", "path", "status", "duration_ms", "asctime", "levelname"} <= set(requests[-1])
    errors = _json_lines(err.read_text())  # would raise on a plain-text line
    assert any("Booting worker" in line["message"] for line in errors)
    assert os.environ.get("LOG_FORMAT") != "json"  # the test's own process was left alone
