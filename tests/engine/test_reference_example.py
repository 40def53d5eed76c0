"""The reference example, round trips and the canonical order."""

from __future__ import annotations

from microservices import Microservices
from microservices.spec import architecture_to_data, dump_architecture, parse_architecture
from microservices.spec.model import Architecture

PLACEHOLDERS = ["auth-service", "payment-service", "product-service", "user-service"]


def test_the_reference_example_describes_every_concept_of_the_model(reference_example):
    arch = reference_example.to_spec()
    assert (arch.name, arch.slug, arch.pattern) == (
        "E-Commerce Platform",
        "e-commerce-platform",
        "event-driven",
    )
    services = {service.name: service for service in arch.services}
    order = services["order-service"]
    assert order.domain == "orders"
    assert order.responsibilities == ["Order management", "Order history", "Order status"]
    assert order.technologies == {
        "language": "python",
        "framework": "fastapi",
        "database": "postgresql",
    }
    assert [e.path for e in order.endpoints] == ["/orders", "/orders/{order_id}"]
    assert [(d.service, d.mode) for d in order.dependencies] == [
        ("inventory-service", "sync"),
        ("payment-service", "sync"),
    ]
    assert [(e.event, e.kind) for e in order.publishes] == [
        ("order.created", "domain"),
        ("order.shipped", "domain"),
    ]
    assert services["inventory-service"].technologies == {"language": "go", "database": "mongodb"}

    (gateway,) = arch.gateways
    assert gateway.name == "api-gateway"
    assert [(r.path, r.service) for r in gateway.routes] == [
        ("/api/orders", "order-service"),
        ("/api/products", "product-service"),
        ("/api/users", "user-service"),
    ]
    assert (gateway.authentication.type, gateway.authentication.issuer) == (
        "oauth2",
        "auth-service",
    )
    assert gateway.rate_limiting.requests_per_minute == 1000

    assert arch.mesh.name == "service-mesh" and arch.mesh.mesh_type == "istio"
    assert arch.mesh.observability.model_dump() == {
        "tracing": True,
        "metrics": True,
        "logging": True,
    }
    assert arch.mesh.security.model_dump() == {"mtls": True, "authorization": True}

    (breaker,) = arch.circuit_breakers
    assert (breaker.service, breaker.failure_threshold, breaker.reset_timeout_seconds) == (
        "payment-service",
        5,
        60,
    )
    (retry,) = arch.retry_policies
    assert (retry.service, retry.max_attempts, retry.backoff_multiplier, retry.max_backoff_ms) == (
        "payment-service",
        3,
        2,
        10000,
    )

    (saga,) = arch.sagas
    assert (saga.name, saga.compensation_strategy) == ("order-creation", "sequential")
    assert [(s.name, s.service, s.action, s.compensation) for s in saga.steps] == [
        ("step1", "order-service", "create_order", "cancel_order"),
        ("step2", "inventory-service", "reserve_inventory", "release_inventory"),
        ("step3", "payment-service", "process_payment", "refund_payment"),
    ]

    assert [(c.type, c.endpoint, c.interval_seconds) for c in order.health_checks] == [
        ("liveness", "/health", 30),
        ("readiness", "/ready", 10),
    ]
    assert [(o.name, o.target, o.unit, o.window) for o in order.slos] == [
        ("availability", 0.999, None, "30d"),
        ("latency_p99", 200, "ms", "7d"),
        ("error_rate", 0.001, None, "1h"),
    ]
    assert (order.tracing.tracer, order.tracing.sample_rate) == ("jaeger", 0.01)
    assert order.deployment.strategy == "canary"
    assert order.deployment.canary.model_dump() == {
        "initial_percentage": 5,
        "increment": 5,
        "pause_duration_minutes": 10,
        "metrics_based": True,
    }
    assert order.event_sourcing.event_store.model_dump() == {
        "type": "kafka",
        "topic": "order-events",
    }
    assert order.event_sourcing.snapshot_policy.interval_events == 1000
    assert order.cqrs.read_model.model_dump() == {"type": "projection", "refresh": "eventual"}
    assert order.cqrs.write_model.type == "aggregate"


def test_the_reference_example_has_exactly_its_four_undefined_services_as_placeholders(
    reference_example,
):
    arch = reference_example.to_spec()
    placeholders = [service.name for service in arch.services if service.placeholder]
    assert placeholders == PLACEHOLDERS
    assert [s.name for s in arch.services if not s.placeholder] == [
        "inventory-service",
        "order-service",
    ]
    written = [s for s in architecture_to_data(arch)["services"] if s.get("placeholder")]
    assert written == [{"name": name, "placeholder": True} for name in PLACEHOLDERS]


def test_yaml_goes_through_the_client_and_back_unchanged(reference_example):
    text = reference_example.to_yaml()
    assert Microservices.from_yaml(text).to_yaml() == text


def test_json_goes_through_the_client_and_back_unchanged(reference_example):
    text = reference_example.to_json()
    assert Microservices.from_json(text).to_json() == text


def test_a_synthetic_architecture_goes_through_yaml_and_json_unchanged(synthetic_300):
    for fmt, load in (("yaml", Microservices.from_yaml), ("json", Microservices.from_json)):
        text = dump_architecture(synthetic_300, fmt)
        again = load(text)
        assert (again.to_yaml() if fmt == "yaml" else again.to_json()) == text


def _shop_in_one_order() -> Microservices:
    ms = Microservices()
    ms.define_architecture(name="Shop", pattern="hybrid")
    orders = ms.create_service(service_name="order-service", domain="orders")
    orders.add_endpoint("/orders").add_endpoint("/orders/{id}", ["GET", "DELETE"])
    orders.add_dependency("inventory-service").add_dependency("billing-service", "async")
    orders.add_event("order.created").add_event("order.cancelled")
    orders.subscribe("stock.reserved").subscribe("invoice.paid")
    ms.create_service(service_name="inventory-service").add_event("stock.reserved")
    ms.create_service(service_name="billing-service").add_event("invoice.paid")
    ms.configure_health_checks(
        "order-service",
        [
            {"type": "liveness", "endpoint": "/live", "interval_seconds": 30},
            {"type": "readiness", "endpoint": "/ready", "interval_seconds": 10},
        ],
    )
    ms.define_service_level_objectives(
        "order-service",
        [
            {"name": "availability", "target": 0.99, "window": "30d"},
            {"name": "error_rate", "target": 0.01, "window": "1h"},
        ],
    )
    ms.define_api_gateway("web-gateway", routes=[("/api/orders", "order-service")])
    ms.define_api_gateway("admin-gateway", routes=[("/admin/stock", "inventory-service")])
    ms.define_circuit_breaker("inventory-service", 5, 30)
    ms.define_circuit_breaker("billing-service", 3, 60)
    ms.define_retry_policy("inventory-service", 3, 2, 1000)
    ms.define_retry_policy("billing-service", 2, 1.5, 500)
    for name in ("checkout", "cancellation"):
        saga = ms.define_saga_pattern(name)
        ms.add_saga_step(saga, "first", "order-service", "start")
        ms.add_saga_step(saga, "second", "billing-service", "charge")
    return ms


def _shop_in_another_order() -> Microservices:
    ms = Microservices()
    ms.define_architecture(name="Shop", pattern="hybrid")
    ms.define_api_gateway("admin-gateway", routes=[("/admin/stock", "inventory-service")])
    for name in ("cancellation", "checkout"):
        saga = ms.define_saga_pattern(name)
        ms.add_saga_step(saga, "first", "order-service", "start")
        ms.add_saga_step(saga, "second", "billing-service", "charge")
    ms.define_retry_policy("billing-service", 2, 1.5, 500)
    ms.define_circuit_breaker("billing-service", 3, 60)
    ms.create_service(service_name="billing-service").add_event("invoice.paid")
    ms.create_service(service_name="inventory-service").add_event("stock.reserved")
    orders = ms.create_service(service_name="order-service", domain="orders")
    orders.subscribe("invoice.paid").subscribe("stock.reserved")
    orders.add_event("order.cancelled").add_event("order.created")
    orders.add_dependency("billing-service", "async").add_dependency("inventory-service")
    orders.add_endpoint("/orders/{id}", ["GET", "DELETE"]).add_endpoint("/orders")
    ms.define_service_level_objectives(
        "order-service",
        [
            {"name": "error_rate", "target": 0.01, "window": "1h"},
            {"name": "availability", "target": 0.99, "window": "30d"},
        ],
    )
    ms.configure_health_checks(
        "order-service",
        [
            {"type": "readiness", "endpoint": "/ready", "interval_seconds": 10},
            {"type": "liveness", "endpoint": "/live", "interval_seconds": 30},
        ],
    )
    ms.define_circuit_breaker("inventory-service", 5, 30)
    ms.define_retry_policy("inventory-service", 3, 2, 1000)
    ms.define_api_gateway("web-gateway", routes=[("/api/orders", "order-service")])
    return ms


def test_the_canonical_form_does_not_depend_on_the_order_things_were_added():
    assert _shop_in_one_order().to_yaml() == _shop_in_another_order().to_yaml()


def _reversed_lists(value, key=None):
    """Every list reversed, except routes and saga steps, whose order means something."""
    if isinstance(value, dict):
        return {k: _reversed_lists(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_reversed_lists(item) for item in value]
        return items if key in ("routes", "steps", "methods", "responsibilities") else items[::-1]
    return value


def test_a_document_written_in_any_order_has_the_same_canonical_form(synthetic_300):
    data = architecture_to_data(synthetic_300)
    shuffled = Architecture.model_validate(_reversed_lists(data))
    assert shuffled.services[0].name != synthetic_300.services[0].name
    text = dump_architecture(synthetic_300, "json")
    assert (
        dump_architecture(parse_architecture(dump_architecture(shuffled, "json")), "json") == text
    )


def test_technologies_are_written_in_key_order_whatever_order_they_were_given():
    # Databases may not keep a JSON object's key order (PostgreSQL's jsonb does not),
    # so the canonical form cannot depend on it.
    ms = Microservices()
    ms.define_architecture(name="Shop")
    ms.create_service(
        service_name="cart", technologies={"language": "go", "database": "redis", "cache": "x"}
    )
    (cart,) = ms.to_dict()["services"]
    assert list(cart["technologies"]) == ["cache", "database", "language"]
