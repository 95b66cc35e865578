"""Property-based tests against the published schema: schemathesis generates requests for every
operation (valid and invalid), sends them to the WSGI app with a writing token, and checks
that nothing answers 5xx and every response matches the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


TEST_SERVER = override_settings(ALLOWED_HOSTS=["localhost"], API_THROTTLE_RATE="100000/min")

# Generating the schema needs no database, so it is loaded once, when the module is collected.
with TEST_SERVER:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the test's transaction must survive the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors_and_responses_match_the_schema(case, record, keep_test_connection):
    with TEST_SERVER:
        case.call_and_validate(headers={"Authorization": f"Token {record.write_token}"}, checks=CHECKS)
