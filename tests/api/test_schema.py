"""The OpenAPI schema and its documentation page: public, complete, served locally."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from django.core.management import call_command

from apps.architectures.concepts import CONCEPTS
from microservices.spec import API_VERSION
from microservices.spec.schema import SCHEMA_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(as_anonymous) -> dict:
    response = as_anonymous.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_public_openapi_3_1(schema):
    assert schema["openapi"].startswith("3.1")
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"


def test_every_concept_has_its_operations(schema):
    operation_ids = {
        operation["operationId"]
        for path in schema["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for concept in CONCEPTS:
        prefix = concept.key.replace("-", "_")
        actions = ["retrieve", "update", "partial_update", "destroy"]
        if not concept.singleton:
            actions += ["list", "create"]
        if concept.ordered:
            actions.append("reorder")
        assert {f"{prefix}_{action}" for action in actions} <= operation_ids, concept.key


def test_bodies_are_the_spec_models_and_errors_have_one_shape(schema):
    components = schema["components"]["schemas"]
    service = components["ServiceRequest"]
    assert {"endpoints", "dependencies", "placeholder"} <= set(service["properties"])
    assert service["additionalProperties"] is False
    assert set(components["Error"]["properties"]) == {"status", "code", "detail", "errors"}
    event = schema["paths"]["/api/architectures/{slug}/services/{service}/events/{event}/"]
    assert event["delete"]["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_the_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


def test_the_docs_page_is_public_and_needs_no_cdn(as_anonymous):
    page = as_anonymous.get("/api/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn." not in html and "unpkg" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    script = as_anonymous.get(
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    )
    assert script.status_code == 200


def test_the_spec_json_schema_is_published_as_committed(as_anonymous):
    response = as_anonymous.get("/schemas/architecture-v1.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert response.content.decode() == SCHEMA_FILE.read_text()
    assert json.loads(response.content)["properties"]["apiVersion"]["const"] == API_VERSION
