"""The bundle-wide static checks (Kiali's codes), on small hand-built sets of documents.

Each check gets a set that breaks it, which must yield its code on the broken
object, and a variant that is valid, which must yield nothing at all.
"""

from __future__ import annotations

from typing import Any

import pytest

from microservices.export.checks import check_bundle

NS = "shop"
HOST = "stock.shop.svc.cluster.local"


def meta(name: str, namespace: str = NS) -> dict[str, Any]:
    return {"name": name, "namespace": namespace}


def selector(name: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": name}


def service_account(name: str, namespace: str = NS) -> dict:
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(name, namespace)}


def service(name: str, ports: list[dict] | None = None) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(name),
        "spec": {
            "selector": selector(name),
            "ports": ports or [{"name": "http", "port": 80, "targetPort": 8080}],
        },
    }


def workload(name: str, kind: str = "Deployment", **pod_metadata: Any) -> dict:
    return {
        "apiVersion": "argoproj.io/v1alpha1" if kind == "Rollout" else "apps/v1",
        "kind": kind,
        "metadata": meta(name),
        "spec": {
            "selector": {"matchLabels": selector(name)},
            "template": {
                "metadata": {"labels": {**selector(name), "app": name}, **pod_metadata},
                "spec": {
                    "serviceAccountName": name,
                    "containers": [
                        {
                            "name": name,
                            "image": f"{name}:1",
                            "ports": [{"name": "http", "containerPort": 8080}],
                        }
                    ],
                },
            },
        },
    }


def policy(name: str, principals: list[str] | None = None, namespace: str = NS) -> dict:
    spec: dict[str, Any] = {"selector": {"matchLabels": selector(name)}, "action": "ALLOW"}
    if principals:
        spec["rules"] = [{"from": [{"source": {"principals": principals}}]}]
    return {
        "apiVersion": "security.istio.io/v1",
        "kind": "AuthorizationPolicy",
        "metadata": meta(name, namespace),
        "spec": spec,
    }


def peer_authentication(mode: str = "STRICT", namespace: str = NS) -> dict:
    return {
        "apiVersion": "security.istio.io/v1",
        "kind": "PeerAuthentication",
        "metadata": meta("default", namespace),
        "spec": {"mtls": {"mode": mode}},
    }


def destination_rule(name: str, host: str = HOST, tls: str = "ISTIO_MUTUAL", **spec) -> dict:
    return {
        "apiVersion": "networking.istio.io/v1",
        "kind": "DestinationRule",
        "metadata": meta(name),
        "spec": {"host": host, "trafficPolicy": {"tls": {"mode": tls}}, **spec},
    }


def virtual_service(
    name: str, hosts: list[str], destination: str, gateways: list[str] | None = None
) -> dict:
    spec: dict[str, Any] = {"hosts": hosts}
    if gateways is not None:
        spec["gateways"] = gateways
    spec["http"] = [{"route": [{"destination": {"host": destination}}]}]
    return {
        "apiVersion": "networking.istio.io/v1",
        "kind": "VirtualService",
        "metadata": meta(name),
        "spec": spec,
    }


def service_entry(name: str, host: str) -> dict:
    return {
        "apiVersion": "networking.istio.io/v1",
        "kind": "ServiceEntry",
        "metadata": meta(name),
        "spec": {
            "hosts": [host],
            "location": "MESH_INTERNAL",
            "resolution": "DNS",
            "ports": [{"number": 80, "name": "http", "protocol": "HTTP"}],
        },
    }


def gateway(name: str) -> dict:
    return {
        "apiVersion": "networking.istio.io/v1",
        "kind": "Gateway",
        "metadata": meta(name),
        "spec": {
            "selector": selector(name),
            "servers": [
                {"port": {"number": 80, "name": "http", "protocol": "HTTP"}, "hosts": ["*"]}
            ],
        },
    }


def principal(name: str, namespace: str = NS) -> str:
    return f"cluster.local/ns/{namespace}/sa/{name}"


def valid_bundle() -> list[dict]:
    """Two services (orders calls stock), an ingress routing to orders, strict mTLS."""
    return [
        peer_authentication(),
        *[
            document
            for name in ("orders", "stock", "edge")
            for document in (service_account(name), service(name), workload(name))
        ],
        policy("orders", [principal("edge")]),
        policy("stock", [principal("orders")]),
        policy("edge", []),
        destination_rule("stock"),
        virtual_service("stock", [HOST], HOST),
        gateway("edge"),
        virtual_service("edge", ["*"], "orders", gateways=[f"{NS}/edge"]),
    ]


def problems(documents: list[dict]) -> list[tuple[str, str, str]]:
    """(code, kind, name) of every problem the checks find."""
    found = check_bundle({"bundle.yaml": documents})
    for problem in found:
        assert problem.message and problem.path == "bundle.yaml"
    return [(p.code, p.kind, p.name) for p in found]


def replace(documents: list[dict], kind: str, name: str, new: dict | None) -> list[dict]:
    """The documents with the `kind` named `name` replaced by `new` (or removed)."""
    kept = [d for d in documents if (d["kind"], d["metadata"]["name"]) != (kind, name)]
    assert len(kept) == len(documents) - 1
    return kept + ([new] if new is not None else [])


def test_the_valid_bundle_has_no_problems():
    assert problems(valid_bundle()) == []


# --- one VirtualService and one DestinationRule per host -----------------------------------


def test_a_second_virtual_service_for_a_host_is_kia1106():
    # A short name is the same host, relative to the VirtualService's namespace.
    documents = [*valid_bundle(), virtual_service("stock-timeouts", ["stock"], HOST)]
    assert problems(documents) == [("KIA1106", "VirtualService", "stock-timeouts")]


def test_one_host_on_different_gateways_is_not_kia1106():
    documents = [
        *valid_bundle(),
        gateway("admin"),
        virtual_service("admin", ["*"], "stock", gateways=[f"{NS}/admin"]),
    ]
    assert problems(documents) == []


def test_a_second_destination_rule_for_a_host_is_kia0201():
    documents = [*valid_bundle(), destination_rule("stock-breaker", host="stock")]
    assert problems(documents) == [("KIA0201", "DestinationRule", "stock-breaker")]


def test_destination_rules_for_different_subsets_of_a_host_are_not_kia0201():
    documents = [
        *replace(
            valid_bundle(),
            "DestinationRule",
            "stock",
            destination_rule("stock", subsets=[{"name": "stable", "labels": {"app": "stock"}}]),
        ),
        destination_rule("stock-canary", subsets=[{"name": "canary", "labels": {"app": "stock"}}]),
    ]
    assert problems(documents) == []


# --- referenced hosts and gateways exist ----------------------------------------------------


def test_a_destination_rule_for_an_unknown_host_is_kia0202():
    documents = [*valid_bundle(), destination_rule("payments", host="payments")]
    assert problems(documents) == [("KIA0202", "DestinationRule", "payments")]


def test_a_service_entry_declares_a_host():
    payments = "payments.shop.svc.cluster.local"
    documents = [
        *valid_bundle(),
        service_entry("payments", payments),
        destination_rule("payments", host=payments),
    ]
    assert problems(documents) == []


def test_a_route_to_an_unknown_host_is_kia1101():
    documents = replace(
        valid_bundle(),
        "VirtualService",
        "edge",
        virtual_service("edge", ["*"], "payments.shop.svc.cluster.local", gateways=[f"{NS}/edge"]),
    )
    assert problems(documents) == [("KIA1101", "VirtualService", "edge")]


def test_a_virtual_service_on_a_missing_gateway_is_kia1102():
    documents = replace(
        valid_bundle(),
        "VirtualService",
        "edge",
        virtual_service("edge", ["*"], "orders", gateways=["public"]),
    )
    assert problems(documents) == [("KIA1102", "VirtualService", "edge")]


def test_the_mesh_gateway_needs_no_gateway_object():
    documents = replace(
        valid_bundle(),
        "VirtualService",
        "stock",
        virtual_service("stock", [HOST], HOST, gateways=["mesh"]),
    )
    assert problems(documents) == []


# --- principals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caller",
    [
        principal("ghost"),  # no such account
        principal("orders", namespace="billing"),  # an account of another namespace
        "orders",  # not a SPIFFE identity
    ],
)
def test_a_principal_that_is_no_service_account_of_the_bundle_is_kia0106(caller):
    documents = replace(valid_bundle(), "AuthorizationPolicy", "stock", policy("stock", [caller]))
    assert problems(documents) == [("KIA0106", "AuthorizationPolicy", "stock")]


def test_a_principal_of_another_namespace_passes_when_its_account_is_there():
    documents = [
        *replace(
            valid_bundle(),
            "AuthorizationPolicy",
            "stock",
            policy("stock", [principal("reports", namespace="billing")]),
        ),
        service_account("reports", namespace="billing"),
    ]
    assert problems(documents) == []


# --- ports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["web", "", "httpx", "HTTP-api"])
def test_a_port_name_without_a_protocol_is_kia0601(name):
    documents = replace(
        valid_bundle(),
        "Service",
        "stock",
        service("stock", [{"name": name, "port": 80, "targetPort": 8080}]),
    )
    assert problems(documents) == [("KIA0601", "Service", "stock")]


@pytest.mark.parametrize(
    "port",
    [
        {"name": "http-api", "port": 80, "targetPort": 8080},
        {"name": "grpc-web", "port": 80, "targetPort": 8080},
        {"name": "api", "port": 80, "targetPort": 8080, "appProtocol": "http"},
    ],
)
def test_a_port_named_by_its_protocol_passes(port):
    documents = replace(valid_bundle(), "Service", "stock", service("stock", [port]))
    assert problems(documents) == []


@pytest.mark.parametrize("target", [9090, "metrics"])
def test_a_service_port_no_selected_container_exposes_is_kia0701(target):
    documents = replace(
        valid_bundle(),
        "Service",
        "stock",
        service("stock", [{"name": "http", "port": 80, "targetPort": target}]),
    )
    assert problems(documents) == [("KIA0701", "Service", "stock")]


def test_a_service_selecting_no_workload_is_kia0701():
    documents = replace(valid_bundle(), "Deployment", "stock", None)
    assert problems(documents) == [("KIA0701", "Service", "stock")]


def test_a_port_served_by_name_by_a_rollout_passes():
    documents = replace(valid_bundle(), "Deployment", "stock", workload("stock", "Rollout"))
    documents = replace(
        documents,
        "Service",
        "stock",
        service("stock", [{"name": "http", "port": 80, "targetPort": "http"}]),
    )
    assert problems(documents) == []


# --- authorization coverage -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["Deployment", "Rollout"])
def test_a_workload_no_policy_covers_is_kia1301(kind):
    documents = replace(valid_bundle(), "Deployment", "stock", workload("stock", kind))
    documents = replace(documents, "AuthorizationPolicy", "stock", None)
    assert problems(documents) == [("KIA1301", kind, "stock")]


def test_a_namespace_wide_policy_covers_every_workload():
    namespace_wide = policy("allow-nothing")
    del namespace_wide["spec"]["selector"]
    documents = [d for d in valid_bundle() if d["kind"] != "AuthorizationPolicy"]
    assert problems([*documents, namespace_wide]) == []


def test_a_workload_outside_the_mesh_needs_no_policy():
    documents = replace(
        valid_bundle(),
        "Deployment",
        "stock",
        workload("stock", annotations={"sidecar.istio.io/inject": "false"}),
    )
    documents = replace(documents, "AuthorizationPolicy", "stock", None)
    assert problems(documents) == []


# --- mTLS consistency -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["DISABLE", "SIMPLE"])
def test_plain_traffic_into_a_strict_namespace_is_kia0206(mode):
    documents = replace(
        valid_bundle(), "DestinationRule", "stock", destination_rule("stock", tls=mode)
    )
    assert problems(documents) == [("KIA0206", "DestinationRule", "stock")]


def test_plain_traffic_into_a_strict_mesh_is_kia0205():
    documents = replace(
        valid_bundle(), "DestinationRule", "stock", destination_rule("stock", tls="DISABLE")
    )
    documents = replace(documents, "PeerAuthentication", "default", None)
    documents.append(peer_authentication(namespace="istio-system"))
    assert problems(documents) == [("KIA0205", "DestinationRule", "stock")]


def test_plain_traffic_into_a_permissive_namespace_passes():
    documents = replace(
        valid_bundle(), "DestinationRule", "stock", destination_rule("stock", tls="DISABLE")
    )
    documents = replace(
        documents, "PeerAuthentication", "default", peer_authentication("PERMISSIVE")
    )
    assert problems(documents) == []


def test_namespace_wide_mtls_without_a_namespace_policy_is_kia0206():
    documents = replace(valid_bundle(), "PeerAuthentication", "default", None)
    documents.append(destination_rule("all", host=f"*.{NS}.svc.cluster.local"))
    assert ("KIA0206", "DestinationRule", "all") in problems(documents)
