"""The istio target: ingress, per-host routing and resilience, mTLS, authorization, tracing."""

from __future__ import annotations

from typing import Any

import pytest

from microservices.export import export_bundle
from microservices.export.context import ExportContext
from microservices.spec.documents import architecture_from_data
from microservices.synth import synthesize
from tests.export.conftest import documents, invalid_documents, objects

CORE_KINDS = {"ServiceAccount", "Service", "Deployment"}


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=3)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec)


@pytest.fixture(scope="module")
def synthetic_istio(synthetic_bundle):
    """(path, document) of the synthetic bundle's istio folder, parsed once."""
    return documents(synthetic_bundle, "istio/")


@pytest.fixture(scope="module")
def reference_istio(reference_bundle):
    return documents(reference_bundle, "istio/")


def named(items, kind: str, prefix: str = "istio/") -> dict[str, dict]:
    """Documents of `kind` under `prefix`, by name."""
    return {
        doc["metadata"]["name"]: doc
        for path, doc in items
        if doc.get("kind") == kind and path.startswith(prefix)
    }


def istio_bundle(data: dict[str, Any]):
    """The istio export of a small architecture described as plain spec data."""
    return export_bundle(architecture_from_data({"name": "Shop", **data}), ["istio"])


def principals_of(policy: dict) -> set[str]:
    return {
        principal
        for rule in policy["spec"].get("rules", [])
        for source in rule.get("from", [])
        for principal in source["source"].get("principals", [])
    }


# --- schemas ------------------------------------------------------------------------------


@pytest.mark.parametrize("parsed", ["reference_istio", "synthetic_istio"])
def test_every_istio_object_passes_the_official_schemas(
    request, parsed, crd_validator, kubernetes_validator
):
    items = request.getfixturevalue(parsed)
    custom = [(path, doc) for path, doc in items if doc["kind"] not in CORE_KINDS]
    core = [(path, doc) for path, doc in items if doc["kind"] in CORE_KINDS]
    assert custom and core
    assert all(crd_validator(doc) is not None for _, doc in custom), "a kind has no schema"
    assert invalid_documents(custom, crd_validator) == []
    assert invalid_documents(core, kubernetes_validator) == []


def test_istio_objects_use_the_v1_apis(reference_bundle):
    versions = {doc["apiVersion"] for _, doc in documents(reference_bundle, "istio/")}
    assert versions == {
        "v1",
        "apps/v1",
        "networking.istio.io/v1",
        "security.istio.io/v1",
        "telemetry.istio.io/v1",
    }


# --- the whole bundle ---------------------------------------------------------------------


@pytest.mark.parametrize("bundle_name", ["reference_bundle", "synthetic_bundle"])
def test_the_exported_bundle_passes_every_static_check(request, bundle_name):
    assert request.getfixturevalue(bundle_name).problems == []


@pytest.mark.parametrize("parsed", ["reference_istio", "synthetic_istio"])
def test_each_host_has_one_virtual_service_and_one_destination_rule(request, parsed):
    items = request.getfixturevalue(parsed)
    for kind, hosts_of in (
        ("VirtualService", lambda doc: doc["spec"]["hosts"]),
        ("DestinationRule", lambda doc: [doc["spec"]["host"]]),
    ):
        hosts = [host for _, doc in items if doc.get("kind") == kind for host in hosts_of(doc)]
        mesh_hosts = [host for host in hosts if host.endswith(".svc.cluster.local")]
        assert len(mesh_hosts) == len(set(mesh_hosts)), kind


# --- resilience from the design -----------------------------------------------------------


def test_payment_service_ejects_hosts_as_its_circuit_breaker_says(reference_bundle):
    rule = objects(reference_bundle, "DestinationRule", "istio/")["payment-service"]
    assert rule["spec"]["host"] == "payment-service.e-commerce-platform.svc.cluster.local"
    outlier = rule["spec"]["trafficPolicy"]["outlierDetection"]
    assert outlier["consecutive5xxErrors"] == 5
    assert outlier["baseEjectionTime"] == "60s"
    assert outlier["interval"]
    assert rule["spec"]["trafficPolicy"]["tls"] == {"mode": "ISTIO_MUTUAL"}


def test_payment_service_retries_as_its_retry_policy_says(reference_bundle):
    service = objects(reference_bundle, "VirtualService", "istio/")["payment-service"]
    routes = service["spec"]["http"]
    assert routes
    for route in routes:
        assert route["retries"]["attempts"] == 3
        assert "5xx" in route["retries"]["retryOn"].split(",")
        assert route["route"] == [
            {"destination": {"host": "payment-service.e-commerce-platform.svc.cluster.local"}}
        ]


def test_a_called_placeholder_gets_a_service_entry_so_its_host_exists(reference_bundle):
    entry = objects(reference_bundle, "ServiceEntry", "istio/")["payment-service"]
    assert entry["spec"]["hosts"] == ["payment-service.e-commerce-platform.svc.cluster.local"]
    assert entry["spec"]["location"] == "MESH_INTERNAL"
    assert entry["spec"]["resolution"] == "DNS"
    assert [port["name"] for port in entry["spec"]["ports"]] == ["http"]
    assert "ServiceEntry" in reference_bundle.files["README.md"]


def test_a_placeholder_nothing_calls_gets_no_routing():
    bundle = istio_bundle(
        {
            "services": [{"name": "orders"}],
            "sagas": [
                {
                    "name": "checkout",
                    "compensation_strategy": "sequential",
                    "steps": [{"name": "pay", "service": "payments", "action": "pay"}],
                }
            ],
        }
    )
    assert not [doc for _, doc in documents(bundle) if doc["metadata"]["name"] == "payments"]


def test_resilience_values_follow_each_service_of_the_design(synthetic_spec, synthetic_istio):
    rules = named(synthetic_istio, "DestinationRule")
    services = named(synthetic_istio, "VirtualService")
    thresholds = set()
    for breaker in synthetic_spec.circuit_breakers:
        outlier = rules[breaker.service]["spec"]["trafficPolicy"]["outlierDetection"]
        assert outlier["consecutive5xxErrors"] == breaker.failure_threshold
        assert outlier["baseEjectionTime"] == f"{breaker.reset_timeout_seconds}s"
        thresholds.add(breaker.failure_threshold)
    for policy in synthetic_spec.retry_policies:
        for route in services[policy.service]["spec"]["http"]:
            assert route["retries"]["attempts"] == policy.max_attempts
    assert len(thresholds) > 1


def test_each_caller_gets_the_timeout_of_its_own_dependency():
    bundle = istio_bundle(
        {
            "services": [
                {"name": "stock"},
                {"name": "web", "dependencies": [{"service": "stock", "mode": "sync"}]},
                {
                    "name": "orders",
                    "dependencies": [{"service": "stock", "mode": "sync", "timeout_ms": 800}],
                },
                {
                    "name": "carts",
                    "dependencies": [{"service": "stock", "mode": "sync", "timeout_ms": 1500}],
                },
            ],
            "retry_policies": [
                {
                    "service": "stock",
                    "max_attempts": 3,
                    "backoff_multiplier": 2,
                    "max_backoff_ms": 900,
                }
            ],
        }
    )
    routes = objects(bundle, "VirtualService")["stock"]["spec"]["http"]
    by_caller = {
        match["sourceLabels"]["app.kubernetes.io/name"]: route
        for route in routes
        for match in route.get("match", [])
    }
    assert by_caller["orders"]["timeout"] == "800ms"
    assert by_caller["orders"]["retries"]["perTryTimeout"] == "200ms"
    assert by_caller["carts"]["timeout"] == "1500ms"
    assert "web" not in by_caller
    default = routes[-1]
    assert "match" not in default and "timeout" not in default
    assert default["retries"]["attempts"] == 3
    assert "timeout_ms" in bundle.files["README.md"]


# --- the ingress --------------------------------------------------------------------------


def test_the_gateway_routes_each_prefix_to_its_service(reference_spec, reference_bundle):
    ctx = ExportContext(reference_spec)
    routing = objects(reference_bundle, "VirtualService", "istio/gateways/")["api-gateway"]
    assert routing["spec"]["gateways"] == [f"{ctx.namespace}/api-gateway"]
    routed = [
        (route["match"][0]["uri"]["prefix"], route["route"][0]["destination"]["host"])
        for route in routing["spec"]["http"]
    ]
    gateway = reference_spec.gateways[0]
    assert routed == [(route.path, ctx.host(route.service)) for route in gateway.routes]


def test_the_gateway_selects_its_own_injected_ingress_workload(reference_bundle):
    gateway = objects(reference_bundle, "Gateway", "istio/")["api-gateway"]
    workload = objects(reference_bundle, "Deployment", "istio/")["api-gateway"]
    pod = workload["spec"]["template"]
    assert gateway["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    assert pod["metadata"]["annotations"]["inject.istio.io/templates"] == "gateway"
    assert pod["metadata"]["labels"]["sidecar.istio.io/inject"] == "true"
    assert pod["spec"]["serviceAccountName"] in objects(
        reference_bundle, "ServiceAccount", "istio/"
    )


def test_a_templated_route_is_matched_by_a_regex():
    bundle = istio_bundle(
        {
            "services": [{"name": "orders"}],
            "gateways": [
                {"name": "edge", "routes": [{"path": "/shops/{shop}/orders", "service": "orders"}]}
            ],
        }
    )
    match = objects(bundle, "VirtualService")["edge"]["spec"]["http"][0]["match"][0]["uri"]
    assert set(match) == {"regex"}
    assert "[^/]+" in match["regex"]


def test_the_ingress_requires_a_token_from_the_gateway_issuer(reference_spec, reference_bundle):
    ctx = ExportContext(reference_spec)
    authentication = objects(reference_bundle, "RequestAuthentication", "istio/")["api-gateway"]
    (rule,) = authentication["spec"]["jwtRules"]
    assert rule["issuer"] == f"http://{ctx.host('auth-service')}"
    assert rule["jwksUri"].startswith(rule["issuer"] + "/")
    policy = objects(reference_bundle, "AuthorizationPolicy", "istio/gateways/")["api-gateway"]
    assert policy["spec"]["rules"] == [{"from": [{"source": {"requestPrincipals": ["*"]}}]}]
    assert "jwksUri" in reference_bundle.files["README.md"]


def test_an_issuer_url_is_trusted_as_given():
    bundle = istio_bundle(
        {
            "services": [{"name": "orders"}],
            "gateways": [
                {
                    "name": "edge",
                    "routes": [{"path": "/orders", "service": "orders"}],
                    "authentication": {"type": "jwt", "issuer": "https://id.example.com"},
                }
            ],
        }
    )
    authentication = objects(bundle, "RequestAuthentication")["edge"]
    assert authentication["spec"]["jwtRules"] == [{"issuer": "https://id.example.com"}]


def test_rate_limits_and_api_keys_are_noted_rather_than_enforced():
    bundle = istio_bundle(
        {
            "services": [{"name": "orders"}],
            "gateways": [
                {
                    "name": "edge",
                    "routes": [{"path": "/orders", "service": "orders"}],
                    "authentication": {"type": "api-key"},
                    "rate_limiting": {"requests_per_minute": 600},
                }
            ],
        }
    )
    kinds = {doc["kind"] for _, doc in documents(bundle)}
    assert "EnvoyFilter" not in kinds and "RequestAuthentication" not in kinds
    readme = bundle.files["README.md"]
    assert "rate limit" in readme and "api-key" in readme


# --- mTLS and authorization ---------------------------------------------------------------


def test_mtls_in_the_mesh_makes_the_namespace_strict(reference_bundle):
    (peer,) = objects(reference_bundle, "PeerAuthentication", "istio/").values()
    assert peer["spec"] == {"mtls": {"mode": "STRICT"}}
    assert peer["metadata"]["namespace"] == "e-commerce-platform"


def test_without_mtls_in_the_mesh_there_is_no_peer_authentication():
    bundle = istio_bundle(
        {
            "services": [{"name": "orders"}],
            "mesh": {"name": "mesh", "mesh_type": "istio", "security": {"authorization": True}},
        }
    )
    assert objects(bundle, "PeerAuthentication") == {}
    assert "mTLS" in bundle.files["README.md"]


@pytest.mark.parametrize(
    ("spec_name", "parsed"),
    [("reference_spec", "reference_istio"), ("synthetic_spec", "synthetic_istio")],
)
def test_each_service_admits_exactly_its_callers_and_the_ingress(request, spec_name, parsed):
    spec = request.getfixturevalue(spec_name)
    ctx = ExportContext(spec)
    policies = named(request.getfixturevalue(parsed), "AuthorizationPolicy", "istio/services/")
    defined = [service for service in spec.services if not service.placeholder]
    assert set(policies) == {service.name for service in defined}
    for service in defined:
        callers = {
            ctx.principal(caller.name)
            for caller in defined
            if any(dependency.service == service.name for dependency in caller.dependencies)
        }
        ingresses = {
            ctx.principal(gateway.name)
            for gateway in spec.gateways
            if any(route.service == service.name for route in gateway.routes)
        }
        policy = policies[service.name]
        assert principals_of(policy) == callers | ingresses, service.name
        assert policy["spec"]["selector"]["matchLabels"] == ctx.selector_labels(service.name)


def test_a_service_nobody_calls_admits_nobody():
    bundle = istio_bundle(
        {
            "services": [{"name": "reports"}],
            "mesh": {"name": "mesh", "mesh_type": "istio", "security": {"authorization": True}},
        }
    )
    policy = objects(bundle, "AuthorizationPolicy")["reports"]
    assert "rules" not in policy["spec"]
    assert policy["spec"]["action"] == "ALLOW"


# --- tracing ------------------------------------------------------------------------------


def test_a_traced_service_samples_its_design_rate(reference_bundle):
    telemetry = objects(reference_bundle, "Telemetry", "istio/")
    assert set(telemetry) == {"order-service"}
    (tracing,) = telemetry["order-service"]["spec"]["tracing"]
    assert tracing["randomSamplingPercentage"] == pytest.approx(1.0)
    assert tracing["providers"] == [{"name": "jaeger"}]
