"""Resilience rules (MS3xx): retries, timeouts, breakers and health checks."""

from __future__ import annotations

import gc
import time

from microservices.synth import synthesize
from microservices.validation.context import Context
from microservices.validation.registry import all_rules
from microservices.validation.rules.resilience import backoff_waits

from .helpers import findings, spec, subjects, svc


def retry(service, attempts=3, multiplier=2, initial=100, cap=10_000):
    return {
        "service": service,
        "max_attempts": attempts,
        "backoff_multiplier": multiplier,
        "initial_backoff_ms": initial,
        "max_backoff_ms": cap,
    }


def breaker(service, reset=30):
    return {"service": service, "failure_threshold": 5, "reset_timeout_seconds": reset}


def call(service, timeout_ms=None):
    return {"service": service, "mode": "sync", "timeout_ms": timeout_ms}


def latency(target, unit="ms"):
    return {"name": "latency_p99", "target": target, "unit": unit, "window": "7d"}


READY = {"type": "readiness", "endpoint": "/ready", "interval_seconds": 10}
LIVE = {"type": "liveness", "endpoint": "/live", "interval_seconds": 20}


# --- MS301 ----------------------------------------------------------------------


def chain_of_three_retried_hops():
    return spec(
        services=[svc("edge", "b"), svc("b", "c"), svc("c", "d"), svc("d")],
        retry_policies=[retry("b"), retry("c"), retry("d")],
    )


def test_three_retried_hops_of_three_attempts_amplify_to_27_calls():
    [found] = findings(chain_of_three_retried_hops(), "MS301")
    assert found.data["factor"] == 27
    assert found.data["chain"] == ["edge", "b", "c", "d"]
    assert subjects([found]) == [
        ["service:edge", "dependency:edge->b", "dependency:b->c", "dependency:c->d"]
    ]
    assert "3 × 3 × 3 = 27" in found.message and "above 10" in found.message


def test_a_long_amplified_chain_is_named_up_to_twelve_services():
    names = [f"s{i:02}" for i in range(16)]
    services = [svc(n, *names[i + 1 : i + 2]) for i, n in enumerate(names)]
    [found] = findings(
        spec(services=services, retry_policies=[retry(n, 2) for n in names]), "MS301"
    )
    assert found.data["factor"] == 2**15 and len(found.data["chain"]) == 12
    assert "s11 (2 attempts) -> … multiplies to 2 × 2" in found.message
    assert "2 × … = 32768, above 10" in found.message


def test_amplification_at_or_below_the_limit_is_fine():
    assert findings(chain_of_three_retried_hops(), "MS301", max_amplification=27) == []


def test_amplification_counts_a_cycle_once_and_follows_its_way_out():
    architecture = spec(
        services=[
            svc("edge", "a", "x"),
            svc("a", "b"),
            svc("b", "a", "c"),  # a <-> b is a cycle: the calls around it are not counted
            svc("c", "d"),
            svc("d"),
            svc("x"),
        ],
        retry_policies=[retry("a", 5), retry("b", 5), retry("c"), retry("d"), retry("x", 2)],
    )
    [found] = findings(architecture, "MS301")
    assert found.data["factor"] == 45
    assert found.data["chain"] == ["edge", "a", "b", "c", "d"]
    assert subjects([found]) == [
        ["service:edge", "dependency:edge->a", "dependency:b->c", "dependency:c->d"]
    ]
    assert (
        "edge -> a (5 attempts) ~> b -> c (3 attempts) -> d (3 attempts) "
        "multiplies to 5 × 3 × 3 = 45" in found.message
    )


def test_amplification_reports_at_most_twenty_entry_services():
    services = [svc(f"entry-{i}", "b") for i in range(25)] + [svc("b", "c"), svc("c")]
    architecture = spec(services=services, retry_policies=[retry("b", 4), retry("c", 4)])
    assert len(findings(architecture, "MS301")) == 20


# --- MS302 ----------------------------------------------------------------------


def test_backoff_waits_grow_by_the_multiplier_and_stop_at_the_cap():
    policy = spec(services=[svc("x")], retry_policies=[retry("x", 5, 3, 100, 500)])
    assert backoff_waits(policy.retry_policies[0]) == [100, 300, 500, 500]


def test_retry_delay_above_the_callers_latency_objective_is_reported():
    architecture = spec(
        services=[svc("a", "x", slos=[latency(1000)]), svc("x")],
        retry_policies=[retry("x", 5, 3, 100, 500)],
    )
    [found] = findings(architecture, "MS302")
    assert found.data == {"delay_ms": 1400, "objective_ms": 1000}
    assert "100 + 300 + 500 + 500 = 1400 ms" in found.message
    assert subjects([found]) == [["retry_policy:x", "slo:a/latency_p99", "dependency:a->x"]]


def test_retry_delay_converts_seconds_objectives_to_milliseconds():
    architecture = spec(
        services=[svc("a", "x", slos=[latency(2, "s")]), svc("x")],
        retry_policies=[retry("x", 5, 3, 100, 500)],
    )
    assert findings(architecture, "MS302") == []


# --- MS303 ----------------------------------------------------------------------


def test_retries_without_a_circuit_breaker_are_reported():
    architecture = spec(services=[svc("a", "x"), svc("x")], retry_policies=[retry("x")])
    assert subjects(findings(architecture, "MS303")) == [["retry_policy:x", "service:x"]]


def test_retries_with_a_circuit_breaker_are_fine():
    architecture = spec(
        services=[svc("a", "x"), svc("x")],
        retry_policies=[retry("x")],
        circuit_breakers=[breaker("x")],
    )
    assert findings(architecture, "MS303") == []


# --- MS304 ----------------------------------------------------------------------


def timeouts(outer):
    return spec(
        services=[
            {"name": "a", "dependencies": [call("x", outer)]},
            {"name": "x", "dependencies": [call("y", 400), call("z", 100)]},
            svc("y"),
            svc("z"),
        ],
        retry_policies=[retry("y", 3, 2, 100, 10_000)],
    )


def test_caller_timeout_below_the_callees_downstream_budget_is_reported():
    [found] = findings(timeouts(1000), "MS304")
    assert found.data == {"timeout_ms": 1000, "budget_ms": 1500}  # 3 × 400 + 100 + 200
    assert subjects([found]) == [["dependency:a->x", "dependency:x->y"]]
    assert "3 × 400 ms + 300 ms backoff = 1500 ms" in found.message


def test_caller_timeout_covering_the_downstream_budget_is_fine():
    assert findings(timeouts(1500), "MS304") == []


# --- MS305 ----------------------------------------------------------------------


def test_retried_service_with_post_endpoints_is_reported():
    endpoints = [{"path": "/orders", "methods": ["GET", "POST"]}, {"path": "/o/{id}"}]
    architecture = spec(services=[svc("x", endpoints=endpoints)], retry_policies=[retry("x")])
    [found] = findings(architecture, "MS305")
    assert subjects([found]) == [["retry_policy:x", "endpoint:x:/orders"]]
    assert "POST /orders" in found.message


def test_retried_service_with_only_idempotent_endpoints_is_fine():
    endpoints = [{"path": "/orders", "methods": ["GET", "PUT", "DELETE"]}]
    architecture = spec(services=[svc("x", endpoints=endpoints)], retry_policies=[retry("x")])
    assert findings(architecture, "MS305") == []


# --- MS306 ----------------------------------------------------------------------


def test_breaker_resetting_before_the_readiness_check_runs_is_reported():
    architecture = spec(
        services=[svc("x", health_checks=[READY, LIVE])], circuit_breakers=[breaker("x", 5)]
    )
    assert subjects(findings(architecture, "MS306")) == [
        ["circuit_breaker:x", "health_check:x/readiness"]
    ]


def test_breaker_falls_back_to_the_liveness_interval():
    architecture = spec(
        services=[svc("x", health_checks=[LIVE])], circuit_breakers=[breaker("x", 15)]
    )
    [found] = findings(architecture, "MS306")
    assert "every 20 s" in found.message


def test_breaker_resetting_after_the_check_interval_is_fine():
    architecture = spec(
        services=[svc("x", health_checks=[READY, LIVE])], circuit_breakers=[breaker("x", 10)]
    )
    assert findings(architecture, "MS306") == []


# --- MS307 ----------------------------------------------------------------------


def test_called_and_routed_services_without_readiness_are_reported():
    architecture = spec(
        services=[svc("a", "x", health_checks=[READY]), svc("x"), svc("web")],
        gateways=[{"name": "gw", "routes": [{"path": "/web", "service": "web"}]}],
    )
    found = findings(architecture, "MS307")
    assert subjects(found) == [["service:web"], ["service:x"]]
    assert "gateway route(s) gw /web" in found[0].message


def test_services_without_traffic_or_with_readiness_are_fine():
    architecture = spec(services=[svc("a", "x"), svc("x", health_checks=[READY])])
    assert findings(architecture, "MS307") == []


# --- scale ------------------------------------------------------------------------


def test_resilience_rules_on_five_thousand_services():
    context = Context(synthesize(5000))
    context.sync_graph, context.dependencies, context.routed  # noqa: B018 shared indexes
    rules = [r for r in all_rules().values() if r.family == "resilience"]
    gc.disable()
    try:
        for found in rules:
            started = time.perf_counter()
            count = sum(1 for _ in found.check(context, found.defaults()))
            print(f"{found.id}: {count} findings in {time.perf_counter() - started:.4f} s")
    finally:
        gc.enable()


def test_many_retry_waits_are_shortened_in_the_message():
    architecture = spec(
        services=[svc("a", "x", slos=[latency(1000)]), svc("x")],
        retry_policies=[retry("x", 10, 2, 100, 500)],
    )
    [found] = findings(architecture, "MS302")
    assert "wait 100 + 200 + 400 + 500 + 500 + 500 + … = 3700 ms over 10 attempts" in found.message
