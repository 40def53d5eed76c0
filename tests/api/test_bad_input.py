"""Bad requests to the concept resources: a 400 naming the field, never a 500."""

from __future__ import annotations

import pytest

from .conftest import REFERENCE_SLUG

pytestmark = pytest.mark.django_db

BASE = f"/api/architectures/{REFERENCE_SLUG}/"
ORDER_SERVICE = f"{BASE}services/order-service/"


def fields_of(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        (f"{BASE}services/", {"name": "Order_Service"}, "name"),
        (f"{BASE}services/", {"name": "x" * 64}, "name"),
        (f"{BASE}gateways/", {"name": "edge gateway"}, "name"),
        (f"{ORDER_SERVICE}dependencies/", {"service": "inventory-service", "mode": "soon"}, "mode"),
        (
            f"{ORDER_SERVICE}health-checks/",
            {"type": "deep", "endpoint": "/x", "interval_seconds": 5},
            "type",
        ),
        (f"{BASE}mesh/", {"name": "mesh", "mesh_type": "envoy"}, "mesh_type"),
        (
            f"{BASE}services/inventory-service/slos/",
            {"name": "availability", "target": 1.5, "window": "30d"},
            "target",
        ),
        (
            f"{BASE}services/inventory-service/slos/",
            {"name": "availability", "target": 0.9, "window": "month"},
            "window",
        ),
        (
            f"{BASE}circuit-breakers/",
            {"service": "inventory-service", "failure_threshold": -1, "reset_timeout_seconds": 5},
            "failure_threshold",
        ),
        (
            f"{BASE}services/inventory-service/deployment/",
            {
                "strategy": "canary",
                "canary": {"initial_percentage": 120, "increment": 5, "pause_duration_minutes": 1},
            },
            "canary.initial_percentage",
        ),
        (
            f"{BASE}services/inventory-service/tracing/",
            {"tracer": "jaeger", "sample_rate": "often"},
            "sample_rate",
        ),
        (
            f"{BASE}retry-policies/",
            {
                "service": "inventory-service",
                "max_attempts": 3,
                "backoff_multiplier": 2,
                "max_backoff_ms": 10,
                "initial_backoff_ms": 100,
            },
            "max_backoff_ms",
        ),
        (f"{ORDER_SERVICE}endpoints/", {"path": "orders", "methods": ["GET"]}, "path"),
        (f"{ORDER_SERVICE}endpoints/", {"path": "/orders/x", "methods": ["FETCH"]}, "methods[0]"),
        (f"{ORDER_SERVICE}endpoints/", {"path": "/orders/x", "colour": "red"}, "colour"),
        (
            f"{BASE}services/",
            {"name": "a-service", "endpoints": [{"path": "/a"}, {"path": "/a"}]},
            "endpoints[1].path",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and "/" not in value else None,
)
def test_a_body_breaking_a_rule_of_the_spec_model_is_a_400_naming_the_field(
    as_editor, architecture, url, body, field
):
    method = "put" if url.endswith(("mesh/", "deployment/", "tracing/")) else "post"

    response = getattr(as_editor, method)(url, body, format="json")

    assert response.status_code == 400, response.json()
    assert response.json()["code"] == "invalid"
    assert field in fields_of(response)


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        (f"{BASE}services/", {"name": "order-service"}, "name"),
        (f"{BASE}gateways/", {"name": "api-gateway"}, "name"),
        (f"{BASE}sagas/", {"name": "order-creation", "compensation_strategy": "parallel"}, "name"),
        (
            f"{BASE}circuit-breakers/",
            {"service": "payment-service", "failure_threshold": 1, "reset_timeout_seconds": 1},
            "service",
        ),
        (
            f"{ORDER_SERVICE}health-checks/",
            {"type": "liveness", "endpoint": "/x", "interval_seconds": 5},
            "type",
        ),
        (
            f"{ORDER_SERVICE}dependencies/",
            {"service": "inventory-service", "mode": "async"},
            "service",
        ),
        (
            f"{BASE}services/inventory-service/events/",
            {"event": "order.created", "kind": "domain"},
            "event",
        ),
        (
            f"{BASE}gateways/api-gateway/routes/",
            {"path": "/api/orders", "service": "order-service"},
            "path",
        ),
        (
            f"{BASE}sagas/order-creation/steps/",
            {"name": "step1", "service": "order-service", "action": "again"},
            "name",
        ),
    ],
    ids=lambda value: value.split("/")[-2] if isinstance(value, str) and "/" in value else None,
)
def test_a_name_already_taken_is_a_400_naming_the_field(as_editor, architecture, url, body, field):
    response = as_editor.post(url, body, format="json")

    assert response.status_code == 400, response.json()
    assert fields_of(response) == [field]


def test_renaming_onto_a_taken_name_is_a_400(as_editor, architecture):
    response = as_editor.patch(
        f"{BASE}services/inventory-service/", {"name": "order-service"}, format="json"
    )

    assert response.status_code == 400
    assert fields_of(response) == ["name"]


def test_a_service_cannot_depend_on_itself(as_editor, architecture):
    body = {"service": "order-service", "mode": "sync"}

    response = as_editor.post(f"{ORDER_SERVICE}dependencies/", body, format="json")

    assert response.status_code == 400
    assert fields_of(response) == ["service"]


def test_children_cannot_be_added_to_a_placeholder(as_editor, architecture):
    body = {"path": "/pay", "methods": ["POST"]}

    response = as_editor.post(f"{BASE}services/payment-service/endpoints/", body, format="json")

    assert response.status_code == 400
    assert "placeholder" in response.json()["detail"]


def test_placeholder_cannot_be_set_by_a_client(as_editor, architecture):
    body = {"name": "ghost-service", "placeholder": True}

    response = as_editor.post(f"{BASE}services/", body, format="json")

    assert response.status_code == 400
    assert fields_of(response) == ["placeholder"]


def test_patching_a_required_field_away_is_a_400(as_editor, architecture):
    response = as_editor.patch(
        f"{BASE}circuit-breakers/payment-service/", {"failure_threshold": None}, format="json"
    )

    assert response.status_code == 400
    assert fields_of(response) == ["failure_threshold"]


def test_an_unknown_on_reference_choice_is_a_400(as_editor, architecture):
    response = as_editor.delete(f"{BASE}services/order-service/?on_reference=cascade")

    assert response.status_code == 400
    assert fields_of(response) == ["on_reference"]


def test_an_unknown_parent_or_object_is_a_404(as_editor, architecture):
    assert as_editor.get(f"{BASE}services/nobody/endpoints/").status_code == 404
    assert as_editor.post(f"{BASE}services/nobody/endpoints/", {}, format="json").status_code == 404
    assert as_editor.get(f"{BASE}services/order-service/events/order.lost/").status_code == 404
    assert as_editor.get(f"{BASE}gateways/api-gateway/routes/999999/").status_code == 404
    assert as_editor.get(f"{BASE}services/inventory-service/tracing/").status_code == 404
    assert (
        as_editor.patch(f"{BASE}services/inventory-service/tracing/", {}, format="json").status_code
        == 404
    )
