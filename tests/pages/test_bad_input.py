"""Bad input in a form: a 400 with the error next to the field it is about, and no write."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.concepts import CONCEPTS

from .cases import CASES, new_url, object_url
from .helpers import revision

pytestmark = pytest.mark.django_db

CASE = {case.key: case for case in CASES}


def snapshot(architecture) -> dict:
    """Everything a write would change: the revision and the number of rows of each table."""
    counts = {concept.key: concept.model.objects.count() for concept in CONCEPTS}
    return {"revision": revision(architecture), **counts}


BAD_CREATES = [
    # (concept, parent or None, posted, field, words the error must contain)
    ("services", None, {"name": "Order Service"}, "name", "not a DNS-1123 label"),
    ("services", None, {"name": "order-service"}, "name", "already exists"),
    ("services", None, {"name": "ok-service", "technologies": "Language: go"}, "technologies",
     "not a technology key"),
    ("services", None, {"name": "ok-service", "technologies": "language go"}, "technologies",
     "key: value"),
    ("services", None, {"name": "ok-service", "responsibilities": "fine\n" + "x" * 201},
     "responsibilities", "line 2"),
    ("gateways", None, {"name": "api-gateway"}, "name", "already exists"),
    ("gateways", None, {"name": "gw", "authentication_type": "basic"}, "authentication_type",
     "Select a valid choice"),
    ("gateways", None, {"name": "gw", "authentication_type": "jwt",
                        "authentication_issuer": "Not A Service"}, "authentication_issuer",
     "neither a service name"),
    ("gateways", None, {"name": "gw", "authentication_issuer": "auth-service"},
     "authentication_type", "required"),
    ("circuit-breakers", None, {"service": "inventory-service", "failure_threshold": "0",
                                "reset_timeout_seconds": "10"}, "failure_threshold",
     "greater than or equal to 1"),
    ("circuit-breakers", None, {"service": "inventory-service", "failure_threshold": "3",
                                "reset_timeout_seconds": "86401"}, "reset_timeout_seconds",
     "less than or equal to 86400"),
    ("circuit-breakers", None, {"service": "payment-service", "failure_threshold": "3",
                                "reset_timeout_seconds": "10"}, "service", "already exists"),
    ("retry-policies", None, {"service": "inventory-service", "max_attempts": "3",
                              "backoff_multiplier": "2", "initial_backoff_ms": "500",
                              "max_backoff_ms": "100"}, "max_backoff_ms", "at least"),
    ("sagas", None, {"name": "order_creation", "compensation_strategy": "sequential"}, "name",
     "not a DNS-1123 label"),
    ("sagas", None, {"name": "returns", "compensation_strategy": "random"},
     "compensation_strategy", "Select a valid choice"),
    ("endpoints", ("services", "order-service"), {"path": "/orders", "methods": ["GET"]}, "path",
     "already exists"),
    ("endpoints", ("services", "order-service"), {"path": "orders", "methods": ["GET"]}, "path",
     "not an HTTP path"),
    ("endpoints", ("services", "order-service"), {"path": "/x", "methods": ["FETCH"]}, "methods",
     "Select a valid choice"),
    ("dependencies", ("services", "order-service"), {"service": "inventory-service",
                                                     "mode": "sometimes"}, "mode",
     "Select a valid choice"),
    ("dependencies", ("services", "order-service"), {"service": "order-service", "mode": "sync"},
     "service", "cannot depend on itself"),
    ("dependencies", ("services", "order-service"), {"service": "billing-service", "mode": "sync",
                                                     "timeout_ms": "0"}, "timeout_ms",
     "greater than or equal to 1"),
    ("events", ("services", "inventory-service"), {"event": "order.created", "kind": "domain"},
     "event", "already exists"),
    ("events", ("services", "order-service"), {"event": "order created", "kind": "domain"},
     "event", "not an event name"),
    ("health-checks", ("services", "order-service"), {"type": "liveness", "endpoint": "/live",
                                                      "interval_seconds": "10"}, "type",
     "already exists"),
    ("health-checks", ("services", "order-service"), {"type": "startup", "endpoint": "/s",
                                                      "interval_seconds": "3601"},
     "interval_seconds", "less than or equal to 3600"),
    ("slos", ("services", "inventory-service"), {"name": "availability", "target": "99.9",
                                                 "window": "30d"}, "target", "a ratio"),
    ("slos", ("services", "inventory-service"), {"name": "error_rate", "target": "0.01",
                                                 "window": "30 days"}, "window",
     "not a time window"),
    ("tracing", ("services", "inventory-service"), {"tracer": "jaeger", "sample_rate": "1.5"},
     "sample_rate", "less than or equal to 1"),
    ("deployment", ("services", "inventory-service"), {"strategy": "canary",
                                                       "canary_initial_percentage": "101",
                                                       "canary_increment": "5",
                                                       "canary_pause_duration_minutes": "1"},
     "canary_initial_percentage", "less than or equal to 100"),
    ("deployment", ("services", "inventory-service"), {"strategy": "canary",
                                                       "canary_initial_percentage": "5"},
     "canary_increment", "required"),
    ("event-sourcing", ("services", "inventory-service"), {"event_store_type": "kafka",
                                                           "event_store_topic": "a topic"},
     "event_store_topic", "should match pattern"),
    ("cqrs", ("services", "inventory-service"), {"read_model_type": "cache",
                                                 "read_model_refresh": "weekly",
                                                 "write_model_type": "crud"},
     "read_model_refresh", "Select a valid choice"),
    ("routes", ("gateways", "api-gateway"), {"path": "/api/orders", "service": "order-service"},
     "path", "already exists"),
    ("steps", ("sagas", "order-creation"), {"name": "step1", "service": "order-service",
                                            "action": "again"}, "name", "already exists"),
    ("steps", ("sagas", "order-creation"), {"name": "step9", "service": "order-service",
                                            "action": "do-it"}, "action", "not an identifier"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "parent", "posted", "field", "words"),
    BAD_CREATES,
    ids=[f"{row[0]}-{row[3]}-{i}" for i, row in enumerate(BAD_CREATES)],
)
def test_a_bad_form_is_refused_next_to_its_field_and_writes_nothing(
    key, parent, posted, field, words, architecture, editor, client_for
):
    before = snapshot(architecture)
    response = client_for(editor).post(new_url(CASE[key], architecture, parent), posted)
    assert response.status_code == 400
    html = response.content.decode()
    error_list = html.split(f'id="id_{field}_error"', 1)
    assert len(error_list) == 2, f"no error shown under {field}"
    assert words in error_list[1].split("</ul>", 1)[0]
    assert "Nothing was saved" in html
    assert snapshot(architecture) == before


def test_canary_strategy_without_canary_settings_is_reported_at_the_top(
    architecture, editor, client_for
):
    url = new_url(CASE["deployment"], architecture, ("services", "inventory-service"))
    before = snapshot(architecture)
    response = client_for(editor).post(url, {"strategy": "canary"})
    assert response.status_code == 400
    assert "Canary: the canary strategy needs canary settings" in response.content.decode()
    assert snapshot(architecture) == before


def test_a_bad_edit_keeps_the_object_as_it_was(architecture, editor, client_for):
    url = object_url(CASE["services"], architecture, "edit", "order-service", None)
    before = snapshot(architecture)
    response = client_for(editor).post(url, {"name": "inventory-service"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert snapshot(architecture) == before


def test_an_architecture_with_a_taken_name_is_refused(architecture, editor, client_for):
    url = reverse("architectures:new", args=[architecture.workspace.slug])
    response = client_for(editor).post(url, {"name": architecture.name, "pattern": "hybrid"})
    assert response.status_code == 400
    assert 'id="id_slug_error"' in response.content.decode() or 'id="id_name_error"' in (
        response.content.decode()
    )
    assert architecture.workspace.architectures.count() == 1


def test_an_architecture_with_an_unknown_pattern_is_refused(workspace, editor, client_for):
    url = reverse("architectures:new", args=[workspace.slug])
    response = client_for(editor).post(url, {"name": "Shop", "pattern": "monolith"})
    assert response.status_code == 400
    assert 'id="id_pattern_error"' in response.content.decode()
    assert workspace.architectures.count() == 0
