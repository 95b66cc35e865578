"""Health checks for load balancers and operators: the database, the broker, the workers.

Each check returns a small dict with `ok` and what was seen; none raises. Without a broker
(CELERY_BROKER_URL unset) tasks run in-process, so broker and workers are not needed.
"""

import time
from typing import Any

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

Check = dict[str, Any]


def _timed(check: Check, started: float) -> Check:
    return {**check, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_database() -> Check:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means unhealthy; say which
        return _timed({"ok": False, "error": f"{type(error).__name__}: {error}"}, started)
    return _timed({"ok": True, "vendor": connection.vendor}, started)


def check_broker() -> Check:
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "mode": "in-process"}
    started = time.perf_counter()
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=0, timeout=settings.HEALTHZ_TIMEOUT)
    except Exception as error:
        return _timed({"ok": False, "error": f"{type(error).__name__}: {error}"}, started)
    return _timed({"ok": True}, started)


def check_workers() -> Check:
    """At least one Celery worker answers a ping within the timeout (the first answer suffices)."""
    if not settings.CELERY_BROKER_URL:
        return {"ok": True, "mode": "in-process"}
    started = time.perf_counter()
    try:
        replies = celery_app.control.ping(timeout=settings.HEALTHZ_TIMEOUT, limit=1)
    except Exception as error:
        return _timed({"ok": False, "error": f"{type(error).__name__}: {error}"}, started)
    workers = sorted(name for reply in replies for name in reply)
    if not workers:
        return _timed({"ok": False, "error": "no worker answered", "workers": []}, started)
    return _timed({"ok": True, "workers": workers}, started)


def health() -> dict[str, Any]:
    database = check_database()
    broker = check_broker()
    # Pinging workers goes through the broker: skip it when the broker is down.
    workers = check_workers() if broker["ok"] else {"ok": False, "error": "broker unavailable"}
    checks = {"database": database, "broker": broker, "workers": workers}
    return {"status": "ok" if all(check["ok"] for check in checks.values()) else "fail", "checks": checks}
