"""Integrity rules (MS1xx): placeholders, references to them, paths, health checks, events."""

from __future__ import annotations

import runpy
from pathlib import Path

from microservices.validation import validate
from microservices.validation.registry import all_rules
from microservices.validation.rules.integrity import path_shape, template_problems

from .helpers import findings, spec, subjects, svc

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.py"


def gateway(name="edge", *routes, **fields):
    return {"name": name, "routes": [{"path": p, "service": s} for p, s in routes], **fields}


# --- helpers -----------------------------------------------------------------------


def test_path_shape_erases_parameter_names_and_trailing_slashes():
    assert path_shape("/orders/{id}/") == path_shape("/orders/{order_id}") == ("orders", "{}")
    assert path_shape("/") == ()


def test_template_problems_name_each_defect():
    assert template_problems("/orders/{order_id}") == []
    assert template_problems("/a/{}") == ["an empty parameter '{}'"]
    assert template_problems("/a/{id") == ["a '{' that is never closed"]
    assert template_problems("/a/id}") == ["a '}' without its '{'"]
    assert template_problems("/a//b") == ["an empty segment ('//')"]
    assert template_problems("/a/{order-id}") == [
        "parameter {order-id} whose name is not an identifier"
    ]
    assert template_problems("/a/{id}/b/{id}") == ["parameter {id} twice"]


# --- MS101 -------------------------------------------------------------------------


def test_ms101_reports_a_referenced_but_undefined_service():
    found = findings(spec(services=[svc("a", "ghost")]), "MS101")
    assert subjects(found) == [["service:ghost"]]
    assert "referenced 1 time(s)" in found[0].message


def test_ms101_is_silent_when_every_service_is_defined():
    assert findings(spec(services=[svc("a", "b"), svc("b")]), "MS101") == []


# --- MS102 -------------------------------------------------------------------------


def test_ms102_reports_every_object_that_references_a_placeholder():
    architecture = spec(
        services=[svc("a", "ghost")],
        gateways=[
            gateway("edge", ("/x", "ghost"), authentication={"type": "jwt", "issuer": "idp"})
        ],
        circuit_breakers=[
            {"service": "ghost", "failure_threshold": 5, "reset_timeout_seconds": 30}
        ],
        retry_policies=[
            {"service": "ghost", "max_attempts": 3, "backoff_multiplier": 2, "max_backoff_ms": 1000}
        ],
        sagas=[
            {
                "name": "s",
                "compensation_strategy": "sequential",
                "steps": [
                    {"name": "one", "service": "ghost", "action": "do", "compensation": "undo"}
                ],
            }
        ],
    )
    assert sorted(subjects(findings(architecture, "MS102"))) == [
        ["circuit_breaker:ghost", "service:ghost"],
        ["dependency:a->ghost", "service:ghost"],
        ["gateway:edge", "service:idp"],
        ["retry_policy:ghost", "service:ghost"],
        ["route:edge:/x", "service:ghost"],
        ["saga_step:s/one", "service:ghost"],
    ]


def test_ms102_ignores_an_issuer_given_as_a_url():
    architecture = spec(
        services=[svc("a")],
        gateways=[
            gateway("edge", ("/a", "a"), authentication={"type": "jwt", "issuer": "https://idp"})
        ],
    )
    assert findings(architecture, "MS102") == []


# --- MS103 -------------------------------------------------------------------------


def test_ms103_reports_routes_with_the_same_template():
    architecture = spec(
        services=[svc("a"), svc("b")],
        gateways=[gateway("edge", ("/api/{id}", "a"), ("/api/{x}", "b"))],
    )
    found = findings(architecture, "MS103")
    assert subjects(found) == [["route:edge:/api/{x}", "route:edge:/api/{id}", "gateway:edge"]]


def test_ms103_reports_a_prefix_route_listed_before_a_longer_one():
    architecture = spec(
        services=[svc("a"), svc("b")],
        gateways=[gateway("edge", ("/api", "a"), ("/api/orders", "b"))],
    )
    found = findings(architecture, "MS103")
    assert subjects(found) == [["route:edge:/api/orders", "route:edge:/api", "gateway:edge"]]
    assert "never matches" in found[0].message


def test_ms103_accepts_the_specific_route_first_and_other_gateways():
    architecture = spec(
        services=[svc("a"), svc("b")],
        gateways=[
            gateway("edge", ("/api/orders", "b"), ("/api", "a"), ("/apix", "a")),
            gateway("partner", ("/api/orders", "a")),
        ],
    )
    assert findings(architecture, "MS103") == []


# --- MS104 -------------------------------------------------------------------------


def test_ms104_reports_endpoints_that_differ_only_by_parameter_names():
    architecture = spec(
        services=[svc("a", endpoints=[{"path": "/orders/{id}"}, {"path": "/orders/{order_id}"}])]
    )
    assert subjects(findings(architecture, "MS104")) == [
        ["endpoint:a:/orders/{id}", "endpoint:a:/orders/{order_id}", "service:a"]
    ]


def test_ms104_accepts_distinct_endpoints():
    architecture = spec(
        services=[svc("a", endpoints=[{"path": "/orders"}, {"path": "/orders/{order_id}"}])]
    )
    assert findings(architecture, "MS104") == []


# --- MS105 -------------------------------------------------------------------------


def test_ms105_reports_malformed_endpoints_routes_and_health_checks():
    architecture = spec(
        services=[
            svc(
                "a",
                endpoints=[{"path": "/a/{}"}, {"path": "/a/ok"}],
                health_checks=[{"type": "liveness", "endpoint": "/h//z", "interval_seconds": 5}],
            )
        ],
        gateways=[gateway("edge", ("/x/{id", "a"))],
    )
    found = findings(architecture, "MS105")
    assert sorted(subjects(found)) == [
        ["endpoint:a:/a/{}", "service:a"],
        ["health_check:a/liveness", "service:a"],
        ["route:edge:/x/{id", "gateway:edge"],
    ]


def test_ms105_accepts_well_formed_templates():
    architecture = spec(
        services=[svc("a", endpoints=[{"path": "/orders/{order_id}/items/{item_id}"}])],
        gateways=[gateway("edge", ("/api/orders", "a"))],
    )
    assert findings(architecture, "MS105") == []


# --- MS106 -------------------------------------------------------------------------


def test_ms106_reports_a_health_check_on_an_undeclared_endpoint():
    check = {"type": "readiness", "endpoint": "/ready", "interval_seconds": 10}
    architecture = spec(services=[svc("a", endpoints=[{"path": "/a"}], health_checks=[check])])
    assert subjects(findings(architecture, "MS106")) == [["health_check:a/readiness", "service:a"]]


def test_ms106_accepts_declared_endpoints_and_services_without_endpoints():
    check = {"type": "readiness", "endpoint": "/ready", "interval_seconds": 10}
    architecture = spec(
        services=[
            svc("a", endpoints=[{"path": "/ready"}], health_checks=[check]),
            svc("b", health_checks=[check]),
        ]
    )
    assert findings(architecture, "MS106") == []


# --- MS107 -------------------------------------------------------------------------


def test_ms107_reports_a_subscription_nobody_publishes():
    architecture = spec(services=[svc("a", subscribes=[{"event": "order.created"}])])
    assert subjects(findings(architecture, "MS107")) == [["service:a", "event:order.created"]]


def test_ms107_accepts_a_published_event():
    architecture = spec(
        services=[
            svc("a", subscribes=[{"event": "order.created"}]),
            svc("b", publishes=[{"event": "order.created", "kind": "domain"}]),
        ]
    )
    assert findings(architecture, "MS107") == []


# --- MS108 -------------------------------------------------------------------------


def test_ms108_reports_a_gateway_without_routes():
    assert subjects(findings(spec(gateways=[gateway("edge")]), "MS108")) == [["gateway:edge"]]


def test_ms108_accepts_a_gateway_with_routes():
    architecture = spec(services=[svc("a")], gateways=[gateway("edge", ("/a", "a"))])
    assert findings(architecture, "MS108") == []


# --- the reference example ---------------------------------------------------------


def test_the_ecommerce_example_yields_the_expected_integrity_saga_and_security_findings():
    example = runpy.run_path(str(EXAMPLE))["ms"].to_spec()
    families = ("integrity", "sagas", "security")
    others = [rule_id for rule_id, r in all_rules().items() if r.family not in families]
    found = sorted(
        (f.rule, [str(s) for s in f.subjects]) for f in validate(example, disabled=others).findings
    )
    assert found == [
        # Four services are referenced and never defined.
        ("MS101", ["service:auth-service"]),  # the gateway's token issuer
        ("MS101", ["service:payment-service"]),  # call, saga step, breaker, retry policy
        ("MS101", ["service:product-service"]),  # the /api/products route
        ("MS101", ["service:user-service"]),  # the /api/users route
        # Every object that points at one of them.
        ("MS102", ["circuit_breaker:payment-service", "service:payment-service"]),
        ("MS102", ["dependency:order-service->payment-service", "service:payment-service"]),
        ("MS102", ["gateway:api-gateway", "service:auth-service"]),  # the issuer
        ("MS102", ["retry_policy:payment-service", "service:payment-service"]),
        ("MS102", ["route:api-gateway:/api/products", "service:product-service"]),
        ("MS102", ["route:api-gateway:/api/users", "service:user-service"]),
        ("MS102", ["saga_step:order-creation/step3", "service:payment-service"]),
        # order-service declares /orders and /orders/{order_id}, but probes /health and
        # /ready, which it never declares.
        ("MS106", ["health_check:order-service/liveness", "service:order-service"]),
        ("MS106", ["health_check:order-service/readiness", "service:order-service"]),
        # Nothing else: the routes are distinct, every step has a compensation, both
        # defined saga services have a database, the gateway authenticates with an issuer
        # and rate-limits, and the mesh has mTLS and authorization on.
    ]
