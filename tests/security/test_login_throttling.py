"""Login is throttled per address as well as per username."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _attempt(username: str, password: str, address: str) -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post(reverse("portal:login"), {"username": username, "password": password}).status_code


def test_password_spraying_from_one_address_is_refused(personas):
    """160 wrong passwords over 40 usernames, four each, from one address."""
    usernames = [f"user{index:02}" for index in range(40)]
    for username in usernames:
        User.objects.create_user(username, password=PASSWORD)
    statuses = [_attempt(username, f"guess-{round_}", "203.0.113.7") for round_ in range(4) for username in usernames]
    assert statuses.count(200) == settings.AXES_FAILURE_LIMIT - 1  # the form again, with its error
    assert statuses.count(429) == 160 - statuses.count(200)
    # Even the right password is refused from that address now; another address still logs in.
    assert _attempt("user00", PASSWORD, "203.0.113.7") == 429
    assert _attempt("user00", PASSWORD, "198.51.100.2") == 302


def test_guessing_one_password_from_many_addresses_is_refused(personas):
    statuses = [_attempt("member", f"guess-{n}", f"198.51.100.{n}") for n in range(settings.AXES_FAILURE_LIMIT + 2)]
    assert statuses[-1] == 429
    assert _attempt("member", PASSWORD, "192.0.2.1") == 429
