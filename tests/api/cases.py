"""One case per concept of the registry: where its objects live in the reference
architecture, a new object, its replacement and a partial change.

Bodies leave defaults out, so that the API's answers (which leave them out too)
contain them verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apps.architectures.concepts import BY_KEY, Concept


@dataclass(frozen=True)
class Case:
    key: str
    parent: str  # URL path between the architecture and the key: "services/order-service/"
    new: dict[str, Any]
    replacement: dict[str, Any]
    patch: dict[str, Any]

    @property
    def concept(self) -> Concept:
        return BY_KEY[self.key]

    def collection_url(self, slug: str) -> str:
        return f"/api/architectures/{slug}/{self.parent}{self.key}/"

    def object_url(self, slug: str, answer: dict[str, Any]) -> str:
        """The URL of the object `answer` (an API answer) describes."""
        concept = self.concept
        if concept.singleton:
            return self.collection_url(slug)
        lookup = answer["id"] if concept.by_id else answer[concept.natural_key]
        return f"{self.collection_url(slug)}{lookup}/"


CASES_LIST = [
    Case(
        "services",
        "",
        new={
            "name": "shipping-service",
            "domain": "shipping",
            "owner": "logistics",
            "responsibilities": ["Shipment tracking"],
            "endpoints": [{"path": "/shipments", "methods": ["GET", "POST"]}],
            "dependencies": [{"service": "order-service", "mode": "async"}],
        },
        replacement={
            "name": "shipping-service",
            "domain": "shipping",
            "technologies": {"language": "go"},
            "health_checks": [{"type": "liveness", "endpoint": "/health", "interval_seconds": 15}],
        },
        patch={"owner": "delivery"},
    ),
    Case(
        "gateways",
        "",
        new={
            "name": "admin-gateway",
            "authentication": {"type": "jwt", "issuer": "https://id.example.com"},
            "routes": [{"path": "/admin/orders", "service": "order-service"}],
        },
        replacement={
            "name": "admin-gateway",
            "rate_limiting": {"requests_per_minute": 60},
            "routes": [{"path": "/admin/stock", "service": "inventory-service"}],
        },
        patch={"authentication": {"type": "api-key"}},
    ),
    Case(
        "mesh",
        "",
        new={"name": "linkerd-mesh", "mesh_type": "linkerd", "security": {"mtls": True}},
        replacement={
            "name": "linkerd-mesh",
            "mesh_type": "linkerd",
            "observability": {"metrics": True},
        },
        patch={"security": {"authorization": True}},
    ),
    Case(
        "circuit-breakers",
        "",
        new={"service": "inventory-service", "failure_threshold": 3, "reset_timeout_seconds": 30},
        replacement={
            "service": "inventory-service",
            "failure_threshold": 10,
            "reset_timeout_seconds": 120,
        },
        patch={"failure_threshold": 7},
    ),
    Case(
        "retry-policies",
        "",
        new={
            "service": "inventory-service",
            "max_attempts": 2,
            "backoff_multiplier": 1.5,
            "max_backoff_ms": 2000,
        },
        replacement={
            "service": "inventory-service",
            "max_attempts": 4,
            "backoff_multiplier": 3.0,
            "max_backoff_ms": 8000,
        },
        patch={"max_attempts": 5},
    ),
    Case(
        "sagas",
        "",
        new={
            "name": "order-return",
            "compensation_strategy": "parallel",
            "steps": [
                {
                    "name": "receive",
                    "service": "order-service",
                    "action": "receive_return",
                    "compensation": "reject_return",
                }
            ],
        },
        replacement={
            "name": "order-return",
            "compensation_strategy": "sequential",
            "steps": [
                {"name": "receive", "service": "order-service", "action": "receive_return"},
                {"name": "refund", "service": "payment-service", "action": "refund"},
            ],
        },
        patch={"description": "Customers send goods back."},
    ),
    Case(
        "endpoints",
        "services/order-service/",
        new={"path": "/orders/{order_id}/items", "methods": ["GET", "POST"]},
        replacement={"path": "/orders/{order_id}/lines", "methods": ["PUT"]},
        patch={"methods": ["GET", "DELETE"]},
    ),
    Case(
        "dependencies",
        "services/order-service/",
        new={"service": "shipping-service", "mode": "async"},
        replacement={"service": "shipping-service", "mode": "sync", "timeout_ms": 500},
        patch={"timeout_ms": 800},
    ),
    Case(
        "events",
        "services/order-service/",
        new={"event": "order.cancelled", "kind": "domain"},
        replacement={"event": "order.cancelled", "kind": "integration", "description": "Gone."},
        patch={"kind": "domain"},
    ),
    Case(
        "subscriptions",
        "services/inventory-service/",
        new={"event": "order.created"},
        replacement={"event": "order.shipped"},
        patch={"event": "order.returned"},
    ),
    Case(
        "health-checks",
        "services/order-service/",
        new={"type": "startup", "endpoint": "/started", "interval_seconds": 5},
        replacement={"type": "startup", "endpoint": "/startup", "interval_seconds": 10},
        patch={"interval_seconds": 20},
    ),
    Case(
        "slos",
        "services/inventory-service/",
        new={"name": "availability", "target": 0.99, "window": "30d"},
        replacement={"name": "availability", "target": 0.995, "window": "7d"},
        patch={"target": 0.999},
    ),
    Case(
        "tracing",
        "services/inventory-service/",
        new={"tracer": "otlp", "sample_rate": 0.1},
        replacement={"tracer": "zipkin", "sample_rate": 0.5},
        patch={"sample_rate": 0.25},
    ),
    Case(
        "deployment",
        "services/inventory-service/",
        new={"strategy": "rolling"},
        replacement={
            "strategy": "canary",
            "canary": {"initial_percentage": 10, "increment": 10, "pause_duration_minutes": 5},
        },
        patch={"canary": {"increment": 20}},
    ),
    Case(
        "event-sourcing",
        "services/inventory-service/",
        new={"event_store": {"type": "postgres"}},
        replacement={
            "event_store": {"type": "kafka", "topic": "inventory-events"},
            "snapshot_policy": {"interval_events": 500},
        },
        patch={"snapshot_policy": {"interval_events": 100}},
    ),
    Case(
        "cqrs",
        "services/inventory-service/",
        new={
            "read_model": {"type": "projection", "refresh": "eventual"},
            "write_model": {"type": "aggregate"},
        },
        replacement={
            "read_model": {"type": "search-index", "refresh": "periodic"},
            "write_model": {"type": "crud"},
        },
        patch={"write_model": {"type": "event-sourced"}},
    ),
    Case(
        "routes",
        "gateways/api-gateway/",
        new={"path": "/api/stock", "service": "inventory-service"},
        replacement={"path": "/api/inventory", "service": "inventory-service"},
        patch={"service": "order-service"},
    ),
    Case(
        "steps",
        "sagas/order-creation/",
        new={"name": "step4", "service": "order-service", "action": "confirm_order"},
        replacement={
            "name": "step4",
            "service": "order-service",
            "action": "confirm_order",
            "compensation": "unconfirm_order",
        },
        patch={"action": "approve_order"},
    ),
]
CASES = {case.key: case for case in CASES_LIST}


def contains(answer: Any, expected: Any) -> bool:
    """Whether `answer` holds everything `expected` says (dicts may hold more)."""
    if isinstance(expected, dict):
        return isinstance(answer, dict) and all(
            key in answer and contains(answer[key], value) for key, value in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(answer, list)
            and len(answer) == len(expected)
            and all(contains(a, e) for a, e in zip(answer, expected, strict=True))
        )
    return answer == expected
