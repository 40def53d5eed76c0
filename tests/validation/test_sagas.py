"""Saga rules (MS5xx)."""

from __future__ import annotations

from .helpers import findings, spec, subjects, svc

STATEFUL = {"technologies": {"database": "postgresql"}}


def step(name, service, action="do", compensation=""):
    return {"name": name, "service": service, "action": action, "compensation": compensation}


def saga_spec(*steps, strategy="sequential", services=None):
    names = sorted({s["service"] for s in steps})
    return spec(
        services=services or [svc(name, **STATEFUL) for name in names],
        sagas=[{"name": "checkout", "compensation_strategy": strategy, "steps": list(steps)}],
    )


# --- MS501 -------------------------------------------------------------------------


def test_ms501_reports_a_compensatable_step_after_the_pivot():
    architecture = saga_spec(
        step("reserve", "a", "reserve", "release"),
        step("charge", "b", "charge"),
        step("ship", "c", "ship", "unship"),
    )
    found = findings(architecture, "MS501")
    assert subjects(found) == [["saga_step:checkout/ship", "saga_step:checkout/charge"]]
    assert "cannot be undone" in found[0].message


def test_ms501_accepts_compensatable_then_pivot_then_retriable_steps():
    architecture = saga_spec(
        step("reserve", "a", "reserve", "release"),
        step("charge", "b", "charge"),
        step("notify", "c", "notify"),
    )
    assert findings(architecture, "MS501") == []


# --- MS502 -------------------------------------------------------------------------


def test_ms502_reports_a_compensation_equal_to_the_action():
    architecture = saga_spec(step("one", "a", "toggle", "toggle"), step("two", "b", "do", "undo"))
    assert subjects(findings(architecture, "MS502")) == [["saga_step:checkout/one"]]


def test_ms502_accepts_a_distinct_compensation():
    architecture = saga_spec(step("one", "a", "do", "undo"), step("two", "b", "do", "undo"))
    assert findings(architecture, "MS502") == []


# --- MS503 -------------------------------------------------------------------------


def test_ms503_reports_a_saga_with_one_step():
    architecture = saga_spec(step("only", "a", "do", "undo"))
    assert subjects(findings(architecture, "MS503")) == [["saga:checkout"]]


def test_ms503_accepts_a_saga_with_two_steps():
    architecture = saga_spec(step("one", "a", "do", "undo"), step("two", "b"))
    assert findings(architecture, "MS503") == []


# --- MS504 -------------------------------------------------------------------------


def test_ms504_reports_a_saga_over_services_without_datastores():
    architecture = saga_spec(
        step("one", "a", "do", "undo"),
        step("two", "b"),
        services=[svc("a"), svc("b")],
    )
    assert subjects(findings(architecture, "MS504")) == [
        ["saga:checkout", "service:a", "service:b"]
    ]


def test_ms504_accepts_a_saga_with_one_stateful_service():
    architecture = saga_spec(
        step("one", "a", "do", "undo"),
        step("two", "b"),
        services=[svc("a", datastore="orders-db"), svc("b")],
    )
    assert findings(architecture, "MS504") == []


def test_ms504_leaves_placeholder_services_to_the_integrity_rules():
    architecture = saga_spec(step("one", "ghost", "do", "undo"), step("two", "other"), services=[])
    assert findings(architecture, "MS504") == []


# --- MS505 -------------------------------------------------------------------------


def test_ms505_reports_parallel_compensation_over_dependent_steps():
    architecture = saga_spec(
        step("one", "a", "do", "undo"),
        step("two", "b", "do", "undo"),
        strategy="parallel",
        services=[svc("a", "b", mode="async", **STATEFUL), svc("b", **STATEFUL)],
    )
    assert subjects(findings(architecture, "MS505")) == [
        ["saga_step:checkout/one", "saga_step:checkout/two", "dependency:a->b"]
    ]


def test_ms505_accepts_sequential_compensation_over_dependent_steps():
    architecture = saga_spec(
        step("one", "a", "do", "undo"),
        step("two", "b", "do", "undo"),
        services=[svc("a", "b", **STATEFUL), svc("b", **STATEFUL)],
    )
    assert findings(architecture, "MS505") == []


def test_ms505_accepts_parallel_compensation_over_independent_steps():
    architecture = saga_spec(
        step("one", "a", "do", "undo"), step("two", "b", "do", "undo"), strategy="parallel"
    )
    assert findings(architecture, "MS505") == []


# --- MS506 -------------------------------------------------------------------------


def test_ms506_reports_consecutive_steps_on_one_service():
    architecture = saga_spec(
        step("one", "a", "do", "undo"), step("two", "a", "more", "less"), step("three", "b")
    )
    assert subjects(findings(architecture, "MS506")) == [
        ["saga_step:checkout/one", "saga_step:checkout/two", "service:a"]
    ]


def test_ms506_accepts_steps_that_alternate_services():
    architecture = saga_spec(
        step("one", "a", "do", "undo"), step("two", "b", "do", "undo"), step("three", "a")
    )
    assert findings(architecture, "MS506") == []
