"""One case per concept of the registry, for the page tests.

Each case says where a new object goes (its parent in the reference architecture),
what its form posts when it is created and when it is changed, and where an object
of the concept already is (for the permission tests, which must not change anything).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from apps.architectures import services
from apps.architectures.concepts import BY_KEY, Concept
from apps.architectures.models import Architecture, Service
from apps.architectures.selectors import object_data, rows
from microservices.spec import model as spec

Parent = tuple[str, str] | None  # ("services", "inventory-service"), or None: the architecture


@dataclass(frozen=True)
class Case:
    key: str
    parent: Parent
    new: dict[str, Any]  # the create form's POST
    changed: dict[str, Any]  # the edit form's POST, for the object just created
    existing_parent: Parent
    existing: str | None  # natural key (or path, for by-id concepts); None: a singleton
    prepare: Callable[[Architecture, Any], None] | None = None
    check: dict[str, Any] = field(default_factory=dict)  # spec data the created object has

    @property
    def concept(self) -> Concept:
        return BY_KEY[self.key]

    def __str__(self) -> str:
        return self.key


def _args(architecture: Architecture, parent: Parent) -> list:
    args = [architecture.workspace.slug, architecture.slug]
    return [*args, *parent] if parent else args


def new_url(case: Case, architecture: Architecture, parent: Parent = None) -> str:
    parent = parent or case.parent
    name = "architectures:child-new" if parent else "architectures:object-new"
    return reverse(name, args=[*_args(architecture, parent), case.key])


def object_url(
    case: Case, architecture: Architecture, action: str, key: str | None, parent: Parent
):
    prefix = "child" if parent else "object"
    single = "-single" if case.concept.singleton else ""
    args = [*_args(architecture, parent), case.key] + ([] if key is None else [key])
    return reverse(f"architectures:{prefix}{single}-{action}", args=args)


def parent_object(architecture: Architecture, parent: Parent):
    if parent is None:
        return None
    return BY_KEY[parent[0]].model.objects.get(architecture=architecture, name=parent[1])


def objects_of(case: Case, architecture: Architecture, parent: Parent) -> list[dict[str, Any]]:
    """The spec data of the concept's objects under `parent`, with their ids."""
    concept = case.concept
    filters: dict[str, Any] = {"architecture": architecture}
    if concept.parent_column:
        filters[concept.parent_column] = parent_object(architecture, parent)
    return [{**object_data(concept, row), "_id": row["id"]} for row in rows(concept, **filters)]


def url_key(case: Case, data: dict[str, Any]) -> str | None:
    concept = case.concept
    if concept.singleton:
        return None
    return str(data["_id"]) if concept.by_id else str(data[concept.natural_key])


def existing_key(case: Case, architecture: Architecture) -> str | None:
    if case.existing is None:
        return None
    for data in objects_of(case, architecture, case.existing_parent):
        if data[case.concept.natural_key] == case.existing:
            return url_key(case, data)
    raise AssertionError(f"{case.key}: no {case.existing!r} in the reference architecture")


def _without_mesh(architecture: Architecture, actor) -> None:
    mesh = BY_KEY["mesh"].model.objects.get(architecture=architecture)
    services.delete_object(
        actor=actor, architecture=architecture, concept=BY_KEY["mesh"], instance=mesh
    )


def _with_a_subscription(architecture: Architecture, actor) -> None:
    services.save_object(
        actor=actor,
        architecture=architecture,
        concept=BY_KEY["subscriptions"],
        data=spec.Subscription(event="order.created"),
        parent=Service.objects.get(architecture=architecture, name="order-service"),
    )


ORDER = ("services", "order-service")
INVENTORY = ("services", "inventory-service")
GATEWAY = ("gateways", "api-gateway")
SAGA = ("sagas", "order-creation")

CASES = [
    Case("services", None,
         new={"name": "shipping-service", "domain": "shipping", "technologies": "language: go",
              "responsibilities": "Shipment tracking\nCarrier choice"},
         changed={"name": "shipping-service", "domain": "delivery", "owner": "logistics"},
         existing_parent=None, existing="order-service",
         check={"technologies": {"language": "go"}}),
    Case("gateways", None,
         new={"name": "admin-gateway", "authentication_type": "jwt",
              "authentication_issuer": "https://id.example.com"},
         changed={"name": "admin-gateway", "rate_limiting_requests_per_minute": "60"},
         existing_parent=None, existing="api-gateway",
         check={"authentication": {"type": "jwt", "issuer": "https://id.example.com"}}),
    Case("mesh", None,
         new={"name": "linkerd-mesh", "mesh_type": "linkerd", "security_mtls": "on"},
         changed={"name": "linkerd-mesh", "mesh_type": "kuma"},
         existing_parent=None, existing=None, prepare=_without_mesh,
         check={"security": {"mtls": True, "authorization": False}}),
    Case("circuit-breakers", None,
         new={"service": "inventory-service", "failure_threshold": "3",
              "reset_timeout_seconds": "30"},
         changed={"service": "inventory-service", "failure_threshold": "7",
                  "reset_timeout_seconds": "30"},
         existing_parent=None, existing="payment-service"),
    Case("retry-policies", None,
         new={"service": "inventory-service", "max_attempts": "2", "backoff_multiplier": "1.5",
              "max_backoff_ms": "2000"},
         changed={"service": "inventory-service", "max_attempts": "4", "backoff_multiplier": "3",
                  "max_backoff_ms": "8000"},
         existing_parent=None, existing="payment-service"),
    Case("sagas", None,
         new={"name": "order-return", "compensation_strategy": "parallel"},
         changed={"name": "order-return", "compensation_strategy": "sequential",
                  "description": "Customers send goods back."},
         existing_parent=None, existing="order-creation"),
    Case("endpoints", ORDER,
         new={"path": "/orders/{order_id}/items", "methods": ["GET", "POST"]},
         changed={"path": "/orders/{order_id}/lines", "methods": ["PUT"]},
         existing_parent=ORDER, existing="/orders",
         check={"methods": ["GET", "POST"]}),
    Case("dependencies", ORDER,
         new={"service": "shipping-service", "mode": "async"},
         changed={"service": "shipping-service", "mode": "sync", "timeout_ms": "500"},
         existing_parent=ORDER, existing="inventory-service"),
    Case("events", ORDER,
         new={"event": "order.cancelled", "kind": "integration"},
         changed={"event": "order.cancelled", "kind": "domain", "description": "Gone."},
         existing_parent=ORDER, existing="order.created"),
    Case("subscriptions", INVENTORY,
         new={"event": "order.shipped"},
         changed={"event": "order.returned"},
         existing_parent=ORDER, existing="order.created", prepare=_with_a_subscription),
    Case("health-checks", INVENTORY,
         new={"type": "startup", "endpoint": "/started", "interval_seconds": "5"},
         changed={"type": "startup", "endpoint": "/started", "interval_seconds": "15"},
         existing_parent=ORDER, existing="liveness"),
    Case("slos", INVENTORY,
         new={"name": "latency_p99", "target": "150", "window": "7d"},
         changed={"name": "latency_p99", "target": "2", "unit": "s", "window": "7d"},
         existing_parent=ORDER, existing="availability",
         check={"unit": "ms"}),
    Case("tracing", INVENTORY,
         new={"tracer": "otlp", "sample_rate": "0.5"},
         changed={"tracer": "zipkin", "sample_rate": "0.1"},
         existing_parent=ORDER, existing=None),
    Case("deployment", INVENTORY,
         new={"strategy": "canary", "canary_initial_percentage": "10", "canary_increment": "10",
              "canary_pause_duration_minutes": "5"},
         changed={"strategy": "blue-green", "canary_initial_percentage": "10"},
         existing_parent=ORDER, existing=None,
         check={"canary": {"initial_percentage": 10, "increment": 10,
                           "pause_duration_minutes": 5, "metrics_based": False}}),
    Case("event-sourcing", INVENTORY,
         new={"event_store_type": "postgres", "event_store_topic": "stock-events"},
         changed={"event_store_type": "kafka", "snapshot_policy_interval_events": "500"},
         existing_parent=ORDER, existing=None),
    Case("cqrs", INVENTORY,
         new={"read_model_type": "cache", "read_model_refresh": "periodic",
              "write_model_type": "crud"},
         changed={"read_model_type": "search-index", "read_model_refresh": "eventual",
                  "write_model_type": "event-sourced"},
         existing_parent=ORDER, existing=None),
    Case("routes", GATEWAY,
         new={"path": "/api/shipments", "service": "shipping-service"},
         changed={"path": "/api/shipping", "service": "shipping-service"},
         existing_parent=GATEWAY, existing="/api/orders"),
    Case("steps", SAGA,
         new={"name": "step4", "service": "shipping-service", "action": "ship_order",
              "compensation": "recall_order"},
         changed={"name": "step4", "service": "shipping-service", "action": "ship_order"},
         existing_parent=SAGA, existing="step1"),
]  # fmt: skip
