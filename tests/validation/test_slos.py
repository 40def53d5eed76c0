"""SLO arithmetic rules (MS4xx), and the resilience and SLO findings on the reference example."""

from __future__ import annotations

import gc
import importlib.util
import time
from pathlib import Path

import pytest

from microservices.synth import synthesize
from microservices.validation import validate
from microservices.validation.context import Context
from microservices.validation.registry import all_rules

from .helpers import findings, spec, subjects, svc

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.py"


def objective(name, target, window="30d", **extra):
    return {"name": name, "target": target, "window": window, **extra}


def availability(target, window="30d"):
    return objective("availability", target, window)


def latency(target, unit="ms"):
    return objective("latency_p99", target, "7d", unit=unit)


def reference_spec():
    loaded = importlib.util.spec_from_file_location("ecommerce_example", EXAMPLE)
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module.ms.to_spec()


# --- MS401 ----------------------------------------------------------------------


def test_availability_above_the_product_of_sync_dependencies_is_reported():
    architecture = spec(
        services=[
            svc("a", "b", "c", slos=[availability(0.999)]),
            svc("b", slos=[availability(0.9995)]),
            svc("c"),
        ]
    )
    [found] = findings(architecture, "MS401")
    assert found.data["ceiling"] == pytest.approx(0.9995 * 0.999)
    assert subjects([found]) == [["slo:a/availability", "dependency:a->b", "dependency:a->c"]]
    assert "cap it at 0.9985005" in found.message
    assert "c 0.999 (assumed, no SLO)" in found.message


def test_assumed_availability_is_a_threshold():
    architecture = spec(services=[svc("a", "b", slos=[availability(0.999)]), svc("b")])
    assert findings(architecture, "MS401") == []  # 0.999 is not above 0.999
    [found] = findings(architecture, "MS401", assumed_availability=0.99)
    assert "assumed at 0.99)" in found.message


def test_availability_within_the_ceiling_or_without_sync_calls_is_fine():
    architecture = spec(
        services=[
            svc("a", "b", slos=[availability(0.99)]),
            svc("b", slos=[availability(0.999)]),
            svc("c", "b", mode="async", slos=[availability(0.9999)]),
        ]
    )
    assert findings(architecture, "MS401") == []


# --- MS402 ----------------------------------------------------------------------


def test_error_budget_is_given_in_minutes_per_window():
    architecture = spec(
        services=[
            svc("a", slos=[availability(0.999, "30d")]),
            svc("b", slos=[availability(0.99, "1w")]),
            svc("c", slos=[availability(0.9999, "12h")]),
        ]
    )
    found = findings(architecture, "MS402")
    assert [f.data["budget_minutes"] for f in found] == [43.2, 100.8, 0.07]
    assert "0.999 over 30d allows 43.2 minutes" in found[0].message


def test_no_error_budget_without_an_availability_objective():
    architecture = spec(services=[svc("a", slos=[latency(200)])])
    assert findings(architecture, "MS402") == []


# --- MS403 ----------------------------------------------------------------------


def test_error_rate_allowing_more_failures_than_availability_is_reported():
    slos = [availability(0.999), objective("error_rate", 0.005, "1h")]
    found = findings(spec(services=[svc("a", slos=slos)]), "MS403")
    assert subjects(found) == [["slo:a/error_rate", "slo:a/availability"]]
    assert "0.005" in found[0].message and "at most 0.001" in found[0].message


def test_error_rate_equal_to_or_stricter_than_availability_is_fine():
    equal = [availability(0.999), objective("error_rate", 0.001, "1h")]
    stricter = [availability(0.99), objective("error_rate", 0.001, "1h")]
    architecture = spec(services=[svc("a", slos=equal), svc("b", slos=stricter)])
    assert findings(architecture, "MS403") == []


# --- MS404 ----------------------------------------------------------------------


def test_latency_below_the_slowest_sync_chain_is_reported():
    architecture = spec(
        services=[
            svc("a", "b", "x", slos=[latency(300)]),
            svc("b", "c", slos=[latency(100)]),
            svc("c", slos=[latency(0.25, "s")]),
            svc("x", slos=[latency(50)]),
        ]
    )
    found, inner = findings(architecture, "MS404")  # a: 100 + 250 = 350 ms; b: 250 ms
    assert (found.data["path_ms"], inner.data["path_ms"]) == (350, 250)
    assert subjects([found, inner]) == [
        ["slo:a/latency_p99", "dependency:a->b", "dependency:b->c"],
        ["slo:b/latency_p99", "dependency:b->c"],
    ]
    assert "b 100 ms + c 250 ms" in found.message


def test_a_long_critical_path_is_named_up_to_twelve_services():
    names = [f"s{i:02}" for i in range(30)]
    services = [svc(n, *names[i + 1 : i + 2], slos=[latency(10)]) for i, n in enumerate(names)]
    found = findings(spec(services=services), "MS404")
    assert found[0].data["path_ms"] == 290 and len(found[0].data["chain"]) == 12
    assert found[0].message.endswith("s11 10 ms + …")


def test_latency_covering_the_slowest_sync_chain_is_fine():
    architecture = spec(
        services=[svc("a", "b", slos=[latency(400)]), svc("b", "c"), svc("c", slos=[latency(400)])]
    )
    assert findings(architecture, "MS404") == []


# --- MS405 ----------------------------------------------------------------------


def canary(metrics_based):
    settings = {"initial_percentage": 5, "increment": 10, "pause_duration_minutes": 5}
    return {"strategy": "canary", "canary": {**settings, "metrics_based": metrics_based}}


def test_metrics_based_canary_without_slos_is_reported():
    architecture = spec(services=[svc("a", deployment=canary(True))])
    assert subjects(findings(architecture, "MS405")) == [["service:a"]]


def test_canary_with_slos_or_without_metrics_is_fine():
    architecture = spec(
        services=[
            svc("a", deployment=canary(True), slos=[latency(200)]),
            svc("b", deployment=canary(False)),
        ]
    )
    assert findings(architecture, "MS405") == []


# --- MS406 ----------------------------------------------------------------------


def test_slos_without_tracing_or_mesh_metrics_are_reported():
    architecture = spec(services=[svc("a", slos=[availability(0.99), latency(200)])])
    assert subjects(findings(architecture, "MS406")) == [
        ["service:a", "slo:a/availability", "slo:a/latency_p99"]
    ]


def test_slos_measured_by_tracing_or_by_the_mesh_are_fine():
    traced = svc("a", slos=[latency(200)], tracing={"tracer": "otlp", "sample_rate": 0.1})
    assert findings(spec(services=[traced]), "MS406") == []
    mesh = {"name": "m", "mesh_type": "istio", "observability": {"metrics": True}}
    untraced = svc("a", slos=[latency(200)])
    assert findings(spec(services=[untraced], mesh=mesh), "MS406") == []


# --- the reference example --------------------------------------------------------

REFERENCE_FINDINGS = [
    # payment-service's retries wait 100 + 200 = 300 ms, above order-service's 200 ms p99.
    ("MS302", "retry_policy:payment-service"),
    # inventory-service is called synchronously by order-service, no readiness check.
    ("MS307", "service:inventory-service"),
    # order-service targets 0.999 but inventory-service and payment-service have no SLO:
    # assumed 0.999 each, the ceiling is 0.999 × 0.999 = 0.998001.
    ("MS401", "slo:order-service/availability"),
    # 0.999 over 30d: 43.2 minutes of error budget (info).
    ("MS402", "slo:order-service/availability"),
]


def test_reference_example_findings_of_the_resilience_and_slo_rules():
    ours = [r.id for r in all_rules().values() if r.family in ("resilience", "slos")]
    report = validate(reference_spec(), disabled=[r for r in all_rules() if r not in ours])
    found = sorted((f.rule, str(f.subjects[0])) for f in report.findings)
    assert found == REFERENCE_FINDINGS


def test_reference_example_order_service_ceiling_names_both_callees():
    [found] = findings(reference_spec(), "MS401")
    assert found.data["ceiling"] == pytest.approx(0.998001)
    assert found.data["target"] == 0.999
    assert [link["service"] for link in found.data["chain"]] == [
        "inventory-service",
        "payment-service",
    ]
    assert "cap it at 0.998001" in found.message
    assert "inventory-service 0.999 (assumed, no SLO)" in found.message
    assert "payment-service 0.999 (assumed, no SLO)" in found.message
    assert "assumed at 0.999" in found.message


def test_reference_example_retry_delay_and_error_budget():
    [delay] = findings(reference_spec(), "MS302")
    assert delay.data == {"delay_ms": 300, "objective_ms": 200}
    [budget] = findings(reference_spec(), "MS402")
    assert budget.data["budget_minutes"] == 43.2


# --- scale ------------------------------------------------------------------------


def test_slo_rules_on_five_thousand_services():
    context = Context(synthesize(5000))
    context.sync_graph, context.dependencies  # noqa: B018 shared indexes
    rules = [r for r in all_rules().values() if r.family == "slos"]
    gc.disable()
    try:
        for found in rules:
            started = time.perf_counter()
            count = sum(1 for _ in found.check(context, found.defaults()))
            print(f"{found.id}: {count} findings in {time.perf_counter() - started:.4f} s")
    finally:
        gc.enable()


def test_sync_order_puts_callees_first_whatever_order_components_come_in(monkeypatch):
    from microservices.validation.rules import slos

    architecture = spec(services=[svc("a", "b"), svc("b", "c", "a"), svc("c", "d"), svc("d")])
    found = slos.nx.strongly_connected_components
    monkeypatch.setattr(
        slos.nx, "strongly_connected_components", lambda graph: list(found(graph))[::-1]
    )
    order, component = slos.acyclic_sync_order(Context(architecture))
    assert order == ["d", "c", "a", "b"]
    assert component["a"] == component["b"] != component["c"]
