"""Real processes for fault tests: Celery workers on the test database and a private Redis.

Workers are separate `celery worker` processes (prefork, one child) reading the test
database that pytest-django created, through the broker named by TEST_REDIS_URL. Tests
that use them run with transaction=True so that the workers see committed rows.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

REPO = Path(__file__).resolve().parents[2]


def wait_until(condition: Callable[[], object], *, timeout: float, interval: float = 0.1, what: str = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or condition}")


def _use_broker(url: str) -> None:
    """Point this process's Celery app (and the settings that code reads) at a broker."""
    settings.CELERY_BROKER_URL = url
    settings.CELERY_RESULT_BACKEND = url
    settings.CELERY_TASK_ALWAYS_EAGER = not url
    celery_app.conf.update(broker_url=url or None, result_backend=url or None, task_always_eager=not url)
    # Drop pooled connections and cached result backends (per thread) of the previous broker.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local = threading.local()


@pytest.fixture
def broker_url() -> Iterator[str]:
    """TEST_REDIS_URL, emptied before and after, set as this process's Celery broker."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    client = redis.Redis.from_url(url)
    client.flushdb()
    previous = settings.CELERY_BROKER_URL
    _use_broker(url)
    yield url
    _use_broker(previous)
    client.flushdb()


def process_environment(**extra: str) -> dict[str, str]:
    """Environment for a child process (manage.py, celery) that works on this test database."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        # The test database pytest-django created, not the one DATABASE_URL names.
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
            f"/{database['NAME']}"
        ),
        "PYTHONUNBUFFERED": "1",
    }
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    env.update(extra)
    return env


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    log: Path

    def kill(self) -> None:
        """SIGKILL the whole worker (parent and pool children): nothing gets to clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """At teardown: the test is over and nothing running needs to finish (a warm shutdown takes seconds)."""
        if self.process.poll() is None:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@dataclass
class Workers:
    broker_url: str
    tmp_path: Path
    started: list[Worker] = field(default_factory=list)

    def environment(self, **extra: str) -> dict[str, str]:
        return process_environment(CELERY_BROKER_URL=self.broker_url, CELERY_RESULT_BACKEND=self.broker_url, **extra)

    def start(self, *, concurrency: int = 1, **env: str) -> Worker:
        name = f"fault-{uuid.uuid4().hex[:8]}"
        log = self.tmp_path / f"{name}.log"
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", f"{name}@%h"]
        command += ["-c", str(concurrency), "-P", "prefork", "--without-gossip", "--without-mingle", "-l", "info"]
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command,
                cwd=REPO,
                env=self.environment(**env),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = Worker(name=name, process=process, log=log)
        self.started.append(worker)
        try:
            wait_until(lambda: self._answers(worker), timeout=60, interval=0.5, what=f"worker {name} to start")
        except AssertionError:
            raise AssertionError(f"worker {name} did not start:\n{worker.output()[-3000:]}") from None
        return worker

    def _answers(self, worker: Worker) -> bool:
        if worker.process.poll() is not None:
            raise AssertionError(f"worker {worker.name} exited:\n{worker.output()[-3000:]}")
        replies = celery_app.control.ping(timeout=0.5)
        return any(name.startswith(f"{worker.name}@") for reply in replies for name in reply)

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


@pytest.fixture
def workers(transactional_db, broker_url: str, tmp_path: Path) -> Iterator[Workers]:
    """Starts real Celery workers on demand; stops every one of them afterwards."""
    pool = Workers(broker_url=broker_url, tmp_path=tmp_path)
    yield pool
    pool.stop_all()


@dataclass
class PrivateRedis:
    """A redis-server of our own on a free port, so stopping it disturbs no one else."""

    port: int
    directory: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        wait_until(self._ping(client), timeout=10, what="private redis-server")

    @staticmethod
    def _ping(client: redis.Redis) -> Callable[[], bool]:
        def ping() -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        return ping

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(port=_free_port(), directory=tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_workers(transactional_db, private_redis: PrivateRedis, tmp_path: Path) -> Iterator[Workers]:
    """Workers, and this process, on the private Redis (which a test may stop and start)."""
    previous = settings.CELERY_BROKER_URL
    _use_broker(private_redis.url)
    pool = Workers(broker_url=private_redis.url, tmp_path=tmp_path)
    yield pool
    pool.stop_all()
    _use_broker(previous)
