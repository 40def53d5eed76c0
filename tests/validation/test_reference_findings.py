"""Every finding on the reference example (`examples/ecommerce.py`), with its rule ID.

The reference architecture references four services it never defines
(payment-service, product-service, user-service and auth-service): each is a
placeholder, and every object that names one is reported. The rest are the
risks its design really has; each entry says why.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from microservices.validation import validate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.py"

EXPECTED = [
    # Placeholders: referenced, never defined (payment-service 4 times: the
    # dependency, the circuit breaker, the retry policy and the saga step).
    ("MS101", ("service:auth-service",)),
    ("MS101", ("service:payment-service",)),
    ("MS101", ("service:product-service",)),
    ("MS101", ("service:user-service",)),
    # Everything that references a placeholder.
    ("MS102", ("circuit_breaker:payment-service", "service:payment-service")),
    ("MS102", ("dependency:order-service->payment-service", "service:payment-service")),
    ("MS102", ("gateway:api-gateway", "service:auth-service")),  # the OAuth2 issuer
    ("MS102", ("retry_policy:payment-service", "service:payment-service")),
    ("MS102", ("route:api-gateway:/api/products", "service:product-service")),
    ("MS102", ("route:api-gateway:/api/users", "service:user-service")),
    ("MS102", ("saga_step:order-creation/step3", "service:payment-service")),
    # order-service probes /health and /ready, but declares only /orders and
    # /orders/{order_id}.
    ("MS106", ("health_check:order-service/liveness", "service:order-service")),
    ("MS106", ("health_check:order-service/readiness", "service:order-service")),
    # The sync call into inventory-service has no timeout and inventory-service
    # no circuit breaker (the call into payment-service has its breaker).
    ("MS204", ("dependency:order-service->inventory-service", "service:inventory-service")),
    # order-service publishes two events that no service subscribes to.
    ("MS212", ("event:order.created", "service:order-service")),
    ("MS212", ("event:order.shipped", "service:order-service")),
    # 3 attempts on payment-service wait 100 ms then 200 ms (multiplier 2): 300 ms
    # of back-off alone, above order-service's 200 ms latency p99 objective.
    (
        "MS302",
        (
            "retry_policy:payment-service",
            "slo:order-service/latency_p99",
            "dependency:order-service->payment-service",
        ),
    ),
    # inventory-service is called synchronously but has no readiness check.
    ("MS307", ("service:inventory-service",)),
    # order-service targets 0.999 but calls two services without an availability
    # SLO, assumed at 0.999 each: 0.999 * 0.999 = 0.998001 < 0.999.
    (
        "MS401",
        (
            "slo:order-service/availability",
            "dependency:order-service->inventory-service",
            "dependency:order-service->payment-service",
        ),
    ),
    # Neither defined service names its owning team.
    ("MS254", ("service:inventory-service",)),
    ("MS254", ("service:order-service",)),
    # 0.1% of 30 days is 43.2 minutes of error budget.
    ("MS402", ("slo:order-service/availability",)),
]


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("ecommerce_reference", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return validate(module.ms.to_spec())


def by_rule(report, rule_id: str):
    return [f for f in report.findings if f.rule == rule_id]


def test_the_reference_example_yields_exactly_the_expected_findings(report):
    actual = [(f.rule, tuple(str(s) for s in f.subjects)) for f in report.findings]
    assert actual == EXPECTED


def test_the_four_undefined_services_are_placeholders(report):
    placeholders = [str(f.subjects[0]) for f in by_rule(report, "MS101")]
    assert placeholders == [
        "service:auth-service",
        "service:payment-service",
        "service:product-service",
        "service:user-service",
    ]
    assert all(f.severity.value == "error" for f in by_rule(report, "MS101"))


def test_the_saga_step_on_payment_service_is_reported(report):
    steps = [f for f in by_rule(report, "MS102") if f.subjects[0].kind == "saga_step"]
    assert [str(f.subjects[0]) for f in steps] == ["saga_step:order-creation/step3"]
    assert "payment-service" in steps[0].message


def test_the_gateway_routes_to_placeholders_are_reported(report):
    routes = [str(f.subjects[0]) for f in by_rule(report, "MS102") if f.subjects[0].kind == "route"]
    assert routes == ["route:api-gateway:/api/products", "route:api-gateway:/api/users"]


def test_order_service_call_into_inventory_service_is_unprotected(report):
    (wobbly,) = by_rule(report, "MS204")
    assert str(wobbly.subjects[0]) == "dependency:order-service->inventory-service"
    assert "no timeout and no circuit breaker" in wobbly.message


def test_order_service_availability_ceiling_is_0_998001_under_the_default_assumption(report):
    (ceiling,) = by_rule(report, "MS401")
    assert ceiling.data["ceiling"] == pytest.approx(0.998001)
    assert ceiling.data["target"] == 0.999
    assert [link["availability"] for link in ceiling.data["chain"]] == [0.999, 0.999]
    assert all(link["assumed"] for link in ceiling.data["chain"])
    assert "0.998001" in ceiling.message


def test_order_service_error_budget_is_43_2_minutes_per_30_days(report):
    (budget,) = by_rule(report, "MS402")
    assert budget.data["budget_minutes"] == pytest.approx(43.2)


def test_the_counts_add_up(report):
    assert dict(report.counts) == {"error": 11, "warning": 8, "info": 3}
