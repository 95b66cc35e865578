"""Malformed query values get a 400 in the API's error shape naming the parameter; what the
schema allows (an empty `q`) is accepted; schema and code agree on the types."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(bodies) -> APIClient:
    client = APIClient()
    client.force_login(bodies.secretariat_a)
    return client


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/statements/?page_size=null", "page_size"),
        ("/api/v1/statements/?page_size=0", "page_size"),
        ("/api/v1/statements/?page=abc", "page"),
        ("/api/v1/assignments/?task_group=0.5", "task_group"),
        ("/api/v1/issues/?task_group=0.5", "task_group"),
        ("/api/v1/statements/?meeting=1e3", "meeting"),
        ("/api/v1/statements/?date_to=", "date_to"),
        ("/api/v1/meetings/?starts_after=", "starts_after"),
        ("/api/v1/issues/?modified_since=", "modified_since"),
        ("/api/v1/statements/?date_to=yesterday", "date_to"),
    ],
)
def test_a_malformed_value_is_a_400_naming_the_parameter(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid"
    assert parameter in error["fields"], error


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/statements/?q=",
        "/api/v1/issues/?q=",
        "/api/v1/people/?q=",
        "/api/v1/organizations/?q=",
        "/api/v1/meetings/?q=",
        "/api/v1/statements/?page_size=100&meeting=1",
    ],
)
def test_what_the_schema_allows_is_accepted(api, url):
    assert api.get(url).status_code == 200


def test_the_schema_says_ids_are_integers_and_only_q_may_be_empty(api):
    schema = api.get("/api/schema/?format=json").json()
    parameters = {
        parameter["name"]: parameter
        for operation in (schema["paths"]["/api/v1/issues/"]["get"], schema["paths"]["/api/v1/statements/"]["get"])
        for parameter in operation["parameters"]
    }
    assert parameters["task_group"]["schema"]["type"] == "integer"
    assert parameters["meeting"]["schema"]["type"] == "integer"
    assert parameters["page_size"]["schema"]["type"] == "integer"
    assert parameters["q"].get("allowEmptyValue") is True
    assert not parameters["date_to"].get("allowEmptyValue")
