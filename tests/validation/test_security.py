"""Security rules (MS6xx)."""

from __future__ import annotations

from .helpers import findings, spec, subjects, svc

SECURE = {
    "authentication": {"type": "oauth2", "issuer": "https://idp.example.com"},
    "rate_limiting": {"requests_per_minute": 600},
}


def gateway(*routes, name="edge", **fields):
    fields = {**SECURE, **fields}
    return {"name": name, "routes": [{"path": p, "service": s} for p, s in routes], **fields}


def mesh(mtls=True, authorization=True):
    return {
        "name": "mesh",
        "mesh_type": "istio",
        "security": {"mtls": mtls, "authorization": authorization},
    }


# --- MS601 -------------------------------------------------------------------------


def test_ms601_reports_a_gateway_without_authentication():
    architecture = spec(services=[svc("a")], gateways=[gateway(("/a", "a"), authentication=None)])
    assert subjects(findings(architecture, "MS601")) == [["gateway:edge"]]


def test_ms601_reports_authentication_type_none():
    architecture = spec(
        services=[svc("a")], gateways=[gateway(("/a", "a"), authentication={"type": "none"})]
    )
    assert subjects(findings(architecture, "MS601")) == [["gateway:edge"]]


def test_ms601_accepts_an_authenticating_gateway():
    architecture = spec(services=[svc("a")], gateways=[gateway(("/a", "a"))])
    assert findings(architecture, "MS601") == []


# --- MS602 -------------------------------------------------------------------------


def test_ms602_reports_jwt_authentication_without_an_issuer():
    architecture = spec(
        services=[svc("a")], gateways=[gateway(("/a", "a"), authentication={"type": "jwt"})]
    )
    assert subjects(findings(architecture, "MS602")) == [["gateway:edge"]]


def test_ms602_accepts_an_issuer_and_api_keys():
    architecture = spec(
        services=[svc("a")],
        gateways=[
            gateway(("/a", "a")),
            gateway(("/a", "a"), name="keys", authentication={"type": "api-key"}),
        ],
    )
    assert findings(architecture, "MS602") == []


# --- MS603 / MS604 -----------------------------------------------------------------


def test_ms603_reports_a_mesh_without_mtls():
    architecture = spec(services=[svc("a")], mesh=mesh(mtls=False))
    assert subjects(findings(architecture, "MS603")) == [["mesh:mesh"]]


def test_ms603_accepts_a_mesh_with_mtls_and_no_mesh_at_all():
    assert findings(spec(services=[svc("a")], mesh=mesh()), "MS603") == []
    assert findings(spec(services=[svc("a")]), "MS603") == []


def test_ms604_reports_a_mesh_with_authorization_off():
    architecture = spec(services=[svc("a")], mesh=mesh(authorization=False))
    assert subjects(findings(architecture, "MS604")) == [["mesh:mesh"]]


def test_ms604_accepts_a_mesh_with_authorization_on():
    assert findings(spec(services=[svc("a")], mesh=mesh()), "MS604") == []


# --- MS605 -------------------------------------------------------------------------


def test_ms605_reports_a_gateway_without_rate_limiting():
    architecture = spec(services=[svc("a")], gateways=[gateway(("/a", "a"), rate_limiting=None)])
    assert subjects(findings(architecture, "MS605")) == [["gateway:edge"]]


def test_ms605_accepts_a_rate_limited_gateway():
    architecture = spec(services=[svc("a")], gateways=[gateway(("/a", "a"))])
    assert findings(architecture, "MS605") == []


# --- MS606 -------------------------------------------------------------------------


def test_ms606_reports_an_exposed_service_no_gateway_routes_to_and_nobody_calls():
    endpoints = [{"path": "/x"}]
    architecture = spec(
        services=[svc("a", endpoints=endpoints), svc("side", endpoints=endpoints)],
        gateways=[gateway(("/a", "a"))],
    )
    assert subjects(findings(architecture, "MS606")) == [["service:side"]]


def test_ms606_accepts_routed_called_and_endpointless_services():
    endpoints = [{"path": "/x"}]
    architecture = spec(
        services=[
            svc("a", "inner", endpoints=endpoints),
            svc("inner", endpoints=endpoints),
            svc("worker"),
        ],
        gateways=[gateway(("/a", "a"))],
    )
    assert findings(architecture, "MS606") == []


def test_ms606_is_silent_without_any_gateway():
    architecture = spec(services=[svc("side", endpoints=[{"path": "/x"}])])
    assert findings(architecture, "MS606") == []


# --- MS607 -------------------------------------------------------------------------


def test_ms607_reports_sync_calls_behind_a_gateway_without_a_mesh():
    architecture = spec(services=[svc("a", "b"), svc("b")], gateways=[gateway(("/a", "a"))])
    found = findings(architecture, "MS607")
    assert subjects(found) == [["gateway:edge", "dependency:a->b"]]
    assert found[0].data["sync_calls"] == 1


def test_ms607_accepts_a_mesh_or_only_async_calls():
    with_mesh = spec(
        services=[svc("a", "b"), svc("b")], gateways=[gateway(("/a", "a"))], mesh=mesh()
    )
    only_async = spec(
        services=[svc("a", "b", mode="async"), svc("b")], gateways=[gateway(("/a", "a"))]
    )
    assert findings(with_mesh, "MS607") == []
    assert findings(only_async, "MS607") == []
