"""The reference architecture: an event-driven e-commerce platform.

Run it to print its spec: `python examples/ecommerce.py`. `make run` loads it as
the demo architecture. payment-service, product-service, user-service and
auth-service are referenced but never defined: they become placeholders.
"""

from microservices import Microservices

ms = Microservices()
ms.define_architecture(name="E-Commerce Platform", pattern="event-driven")
order_service = ms.create_service(service_name="order-service", domain="orders",
    responsibilities=["Order management", "Order history", "Order status"],
    technologies={"language": "python", "framework": "fastapi", "database": "postgresql"})
order_service.add_endpoint("/orders"); order_service.add_endpoint("/orders/{order_id}")
order_service.add_dependency("inventory-service", "sync"); order_service.add_dependency("payment-service", "sync")
order_service.add_event("order.created", "domain"); order_service.add_event("order.shipped", "domain")
inventory_service = ms.create_service(service_name="inventory-service", domain="inventory",
    responsibilities=["Stock management", "Reservation", "SKU tracking"],
    technologies={"language": "go", "database": "mongodb"})
ms.define_api_gateway(name="api-gateway", routes=[{"path": "/api/orders", "service": "order-service"},
    ("/api/products", "product-service"), ("/api/users", "user-service")],
    authentication={"type": "oauth2", "issuer": "auth-service"}, rate_limiting={"requests_per_minute": 1000})
ms.define_service_mesh(name="service-mesh", mesh_type="istio",
    observability={"tracing": True, "metrics": True, "logging": True}, security={"mtls": True, "authorization": True})
ms.define_circuit_breaker(service_name="payment-service", failure_threshold=5, reset_timeout_seconds=60)
ms.define_retry_policy(service_name="payment-service", max_attempts=3, backoff_multiplier=2, max_backoff_ms=10000)
saga = ms.define_saga_pattern(saga_name="order-creation", compensation_strategy="sequential")
ms.add_saga_step(saga, "step1", "order-service", "create_order", "cancel_order")
ms.add_saga_step(saga, "step2", "inventory-service", "reserve_inventory", "release_inventory")
ms.add_saga_step(saga, "step3", "payment-service", "process_payment", "refund_payment")
ms.configure_health_checks(service_name="order-service", checks=[
    {"type": "liveness", "endpoint": "/health", "interval_seconds": 30},
    {"type": "readiness", "endpoint": "/ready", "interval_seconds": 10}])
ms.define_service_level_objectives(service_name="order-service", slo_config=[
    {"name": "availability", "target": 0.999, "window": "30d"},
    {"name": "latency_p99", "target": 200, "unit": "ms", "window": "7d"},
    {"name": "error_rate", "target": 0.001, "window": "1h"}])
ms.configure_distributed_tracing(service_name="order-service", tracer="jaeger", sample_rate=0.01)
ms.define_deployment_strategy(service_name="order-service", strategy="canary", canary_config={
    "initial_percentage": 5, "increment": 5, "pause_duration_minutes": 10, "metrics_based": True})
ms.define_event_sourcing(service_name="order-service", event_store={"type": "kafka", "topic": "order-events"},
    snapshot_policy={"interval_events": 1000})
ms.define_cqrs_pattern(service_name="order-service", read_model={"type": "projection", "refresh": "eventual"},
    write_model={"type": "aggregate"})

if __name__ == "__main__":
    print(ms.to_yaml(), end="")
