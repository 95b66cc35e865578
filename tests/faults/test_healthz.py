"""/healthz tells a load balancer whether the database, the broker and a worker answer."""

import pytest

from tests.faults.conftest import _use_broker

pytestmark = pytest.mark.worker


def test_healthz_is_ok_when_database_broker_and_a_worker_answer(client, workers):
    worker = workers.start()
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    report = response.json()
    assert report["status"] == "ok"
    assert report["checks"]["database"]["ok"] is True
    assert any(name.startswith(f"{worker.name}@") for name in report["checks"]["workers"]["workers"])


def test_healthz_fails_when_no_worker_answers(client, workers):
    worker = workers.start()
    worker.kill()
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["broker"]["ok"] is True
    assert checks["workers"] == {**checks["workers"], "ok": False, "error": "no worker answered"}


@pytest.mark.django_db
def test_healthz_names_the_broker_when_it_is_down(client, private_redis):
    _use_broker(private_redis.url)
    try:
        private_redis.stop()
        response = client.get("/healthz")
    finally:
        _use_broker("")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["ok"] is False
    assert "Connection" in checks["broker"]["error"] or "connect" in checks["broker"]["error"].lower()
    assert checks["workers"] == {"ok": False, "error": "broker unavailable"}
