"""An API gateway as a self-contained Istio ingress.

Per gateway: an ingress workload in the architecture's namespace (a Deployment
that Istio injects with its gateway proxy, its Service and ServiceAccount), the
Gateway that selects it, ONE VirtualService routing each route's prefix to its
service, and the token checks: RequestAuthentication plus an AuthorizationPolicy
that requires a valid token. Keeping the ingress in the bundle makes every
principal and selector the bundle names resolvable within it.
"""

from __future__ import annotations

import re
from typing import Any

from ...spec.enums import AuthenticationType
from ...spec.model import Gateway, is_url
from ..context import ExportContext
from ..workload import PORT_NAME
from .resources import NETWORKING, SECURITY, TARGET, resource, workload_selector

# The gateway proxy listens on the plain HTTP port; TLS is for the load balancer or a
# later Gateway server to add, since the design names no certificate.
INGRESS_PORT = 80
# Where a service acting as token issuer publishes its signing keys.
JWKS_PATH = "/.well-known/jwks.json"
_TEMPLATE_PARAMETER = re.compile(r"\{[^/{}]*\}")


# --- the ingress workload -------------------------------------------------------------


def _pod_labels(ctx: ExportContext, name: str) -> dict[str, str]:
    # The label asks Istio to inject this pod even in a namespace without injection.
    return {**ctx.labels(name, "gateway"), "sidecar.istio.io/inject": "true"}


def service_account(ctx: ExportContext, gateway: Gateway) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": ctx.metadata(ctx.service_account(gateway.name), "gateway"),
    }


def service(ctx: ExportContext, gateway: Gateway) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": ctx.metadata(gateway.name, "gateway"),
        "spec": {
            "type": "LoadBalancer",
            "selector": ctx.selector_labels(gateway.name),
            "ports": [{"name": PORT_NAME, "port": INGRESS_PORT, "targetPort": INGRESS_PORT}],
        },
    }


def deployment(ctx: ExportContext, gateway: Gateway) -> dict:
    """The proxy container's `image: auto` is replaced by Istio's gateway injection."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": ctx.metadata(gateway.name, "gateway"),
        "spec": {
            "replicas": ctx.options.replicas,
            "selector": workload_selector(ctx, gateway.name),
            "template": {
                "metadata": {
                    "labels": _pod_labels(ctx, gateway.name),
                    "annotations": {"inject.istio.io/templates": "gateway"},
                },
                "spec": {
                    "serviceAccountName": ctx.service_account(gateway.name),
                    # Lets the unprivileged proxy bind port 80.
                    "securityContext": {
                        "sysctls": [{"name": "net.ipv4.ip_unprivileged_port_start", "value": "0"}]
                    },
                    "containers": [
                        {
                            "name": "istio-proxy",
                            "image": "auto",
                            "ports": [
                                {
                                    "name": PORT_NAME,
                                    "containerPort": INGRESS_PORT,
                                    "protocol": "TCP",
                                }
                            ],
                        }
                    ],
                },
            },
        },
    }


# --- routing --------------------------------------------------------------------------


def gateway_resource(ctx: ExportContext, gateway: Gateway) -> dict:
    return resource(
        NETWORKING,
        "Gateway",
        ctx.metadata(gateway.name, "gateway"),
        {
            "selector": ctx.selector_labels(gateway.name),
            "servers": [
                {
                    "port": {"number": INGRESS_PORT, "name": PORT_NAME, "protocol": "HTTP"},
                    "hosts": [ctx.options.ingress_host],
                }
            ],
        },
    )


def uri_match(path: str) -> dict[str, str]:
    """A route's path as a prefix; a path with `{parameters}` as the equivalent regex."""
    if not _TEMPLATE_PARAMETER.search(path):
        return {"prefix": path}
    literals = _TEMPLATE_PARAMETER.split(path)
    return {"regex": "[^/]+".join(re.escape(part) for part in literals) + "(/.*)?"}


def routes(ctx: ExportContext, gateway: Gateway) -> dict:
    """The gateway's routes in the design's order, which is the order Istio matches them."""
    return resource(
        NETWORKING,
        "VirtualService",
        ctx.metadata(gateway.name, "gateway"),
        {
            "hosts": [ctx.options.ingress_host],
            "gateways": [f"{ctx.namespace}/{gateway.name}"],
            "http": [
                {
                    "name": f"route-{index}",
                    "match": [{"uri": uri_match(route.path)}],
                    "route": [{"destination": {"host": ctx.host(route.service)}}],
                }
                for index, route in enumerate(gateway.routes, start=1)
            ],
        },
    )


# --- tokens ---------------------------------------------------------------------------


def token_issuer(ctx: ExportContext, gateway: Gateway) -> str:
    """The issuer whose tokens the gateway checks; empty when it checks none."""
    authentication = gateway.authentication
    if authentication is None:
        ctx.note(TARGET, f"Gateway {gateway.name} has no authentication: it admits every request.")
        return ""
    if authentication.type == AuthenticationType.NONE:
        return ""
    if authentication.type == AuthenticationType.API_KEY:
        ctx.note(
            TARGET,
            "Gateways' api-key authentication is not enforced by the bundle (Istio needs an "
            "EnvoyFilter or an external authorizer for it).",
        )
        return ""
    if not authentication.issuer:
        ctx.note(
            TARGET,
            f"Gateway {gateway.name} names no token issuer: tokens are not checked.",
        )
        return ""
    return authentication.issuer


def _jwt_rule(ctx: ExportContext, issuer: str) -> dict[str, str]:
    if is_url(issuer):
        ctx.note(
            TARGET,
            "Token issuers given as URLs publish their keys by OpenID discovery "
            "(<issuer>/.well-known/openid-configuration).",
        )
        return {"issuer": issuer}
    url = f"http://{ctx.host(issuer)}"
    ctx.note(
        TARGET,
        f"A token issuer named as a service is its cluster URL ({url} for {issuer}), with its "
        f"keys at {JWKS_PATH} (jwksUri).",
    )
    return {"issuer": url, "jwksUri": url + JWKS_PATH}


def request_authentication(ctx: ExportContext, gateway: Gateway, issuer: str) -> dict:
    return resource(
        SECURITY,
        "RequestAuthentication",
        ctx.metadata(gateway.name, "gateway"),
        {"selector": workload_selector(ctx, gateway.name), "jwtRules": [_jwt_rule(ctx, issuer)]},
    )


def ingress_policy(ctx: ExportContext, gateway: Gateway, issuer: str) -> dict:
    """With an issuer only requests carrying a valid token pass; without, every request."""
    if issuer:
        rule: dict[str, Any] = {"from": [{"source": {"requestPrincipals": ["*"]}}]}
    else:
        rule = {}
    return resource(
        SECURITY,
        "AuthorizationPolicy",
        ctx.metadata(gateway.name, "gateway"),
        {"selector": workload_selector(ctx, gateway.name), "action": "ALLOW", "rules": [rule]},
    )


def note_rate_limit(ctx: ExportContext, gateway: Gateway) -> None:
    if gateway.rate_limiting is not None:
        ctx.note(
            TARGET,
            "Gateways' rate limits (requests_per_minute) are not enforced by the bundle: Istio "
            "needs an EnvoyFilter for them.",
        )


def ingress_documents(ctx: ExportContext, gateway: Gateway) -> list[dict]:
    note_rate_limit(ctx, gateway)
    issuer = token_issuer(ctx, gateway)
    documents = [
        service_account(ctx, gateway),
        service(ctx, gateway),
        deployment(ctx, gateway),
        gateway_resource(ctx, gateway),
        routes(ctx, gateway),
    ]
    if issuer:
        documents.append(request_authentication(ctx, gateway, issuer))
    documents.append(ingress_policy(ctx, gateway, issuer))
    return documents
