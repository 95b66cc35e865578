"""The OpenAPI schema documents every endpoint and field in Japanese and English, and the docs
are served from the app's own static files (no CDN)."""

import re

import pytest
from django.test import Client

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def schema(db):
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _bilingual(text: str | None) -> bool:
    return bool(text) and bool(JAPANESE.search(text)) and bool(ENGLISH.search(text))


def test_every_operation_is_summarised_in_both_languages(schema):
    operations = [
        (method, path, operation)
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/")
        for method, operation in item.items()
    ]
    assert len(operations) >= 40
    undescribed = [(method, path) for method, path, op in operations if not _bilingual(op.get("summary"))]
    assert undescribed == []
    parameters = [
        (path, parameter["name"])
        for path, item in schema["paths"].items()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and not _bilingual(parameter.get("description"))
    ]
    assert parameters == []


def test_every_field_is_described_in_both_languages(schema):
    undescribed = []
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if not _bilingual(spec.get("description")):
                undescribed.append(f"{name}.{field}")
    assert undescribed == []


def test_every_endpoint_documents_the_error_shape(schema):
    for path, item in schema["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for operation in item.values():
            assert operation["responses"]["400"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }


def test_every_write_to_an_existing_record_takes_if_match_and_documents_the_412(schema):
    conditional = {
        (method, path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if any(p["name"] == "If-Match" and p["in"] == "header" for p in operation.get("parameters", []))
    }
    assert conditional == {
        ("patch", "/api/v1/issues/{id}/"),
        ("post", "/api/v1/issues/{id}/status/"),
        ("patch", "/api/v1/positions/{id}/"),
        ("post", "/api/v1/assignments/{id}/report-back/"),
        ("post", "/api/v1/assignments/{id}/withdraw/"),
    }
    for method, path in conditional:
        responses = schema["paths"][path][method]["responses"]
        assert responses["412"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
        assert "ETag" in responses["200"]["headers"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/docs/redoc/"])
def test_docs_are_served_offline(db, url):
    page = Client().get(url).content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn." not in page and "unpkg" not in page
    # Nothing from any outside host: scripts, styles and fonts are the app's own static files.
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page), page
