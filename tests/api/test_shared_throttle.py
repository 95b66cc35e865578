"""Throttle counts live in the shared cache: two processes spend one budget (Redis), not one each."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]

# One process's API traffic from one address: the throttle's answer to each request, and the
# cache it counts in. No database: the throttle reads only the cache.
SPEND = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from rest_framework.request import Request
from apps.api.throttling import ActorRateThrottle
request = Request(RequestFactory().get("/api/v1/meetings/", REMOTE_ADDR=sys.argv[1]))
request.user = AnonymousUser()
answers = [ActorRateThrottle().allow_request(request, None) for _ in range(int(sys.argv[2]))]
print(json.dumps({"cache": settings.CACHES["default"]["BACKEND"], "allowed": answers}))
"""


def spend(address: str, requests: int, **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "CELERY_BROKER_URL")}
    environment |= {"DJANGO_SETTINGS_MODULE": "config.test_settings", "API_THROTTLE_RATE": "3/min", **env}
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SPEND, address, str(requests)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def address():
    return f"198.51.100.{random.randint(1, 254)}"  # noqa: S311 (a test address, not a secret)


@pytest.fixture
def redis_url(address):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    client = redis.Redis.from_url(url)
    pattern = f"shingi:*addr-{address}"
    client.delete(*client.keys(pattern) or ["-"])
    yield url
    client.delete(*client.keys(pattern) or ["-"])


def test_two_processes_share_one_throttle_budget_through_the_brokers_redis(redis_url, address):
    first = spend(address, 2, CELERY_BROKER_URL=redis_url)
    second = spend(address, 3, CELERY_BROKER_URL=redis_url)
    assert first == {"cache": "django.core.cache.backends.redis.RedisCache", "allowed": [True, True]}
    assert second["allowed"] == [True, False, False]  # the third request of 3/min, in another process


def test_cache_url_names_the_redis_to_count_in(redis_url, address):
    assert spend(address, 3, CACHE_URL=redis_url)["allowed"] == [True, True, True]
    assert spend(address, 1, CACHE_URL=redis_url)["allowed"] == [False]


def test_the_embedded_default_counts_per_process_in_local_memory(address):
    first = spend(address, 3)
    second = spend(address, 3)
    assert first == {"cache": "django.core.cache.backends.locmem.LocMemCache", "allowed": [True, True, True]}
    assert second["allowed"] == [True, True, True]
