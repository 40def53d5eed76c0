"""Who may talk to whom: namespace-wide mTLS and least-privilege authorization.

Each workload admits only the identities the design says call it: the service
accounts of its declared callers and, for routed services, the ingress
workloads of the gateways that route to it. A workload nobody calls admits
nobody.
"""

from __future__ import annotations

from typing import Any

from ..context import MANAGED_BY, ExportContext
from .resources import (
    SECURITY,
    TARGET,
    authorization_required,
    mtls_required,
    resource,
    workload_selector,
)


def peer_authentication(ctx: ExportContext) -> dict:
    """Every workload of the namespace accepts mutual TLS only."""
    return resource(
        SECURITY,
        "PeerAuthentication",
        {
            "name": "default",
            "namespace": ctx.namespace,
            "labels": {
                "app.kubernetes.io/part-of": ctx.slug,
                "app.kubernetes.io/managed-by": MANAGED_BY,
            },
        },
        {"mtls": {"mode": "STRICT"}},
    )


def admitted_principals(ctx: ExportContext, name: str) -> list[str]:
    """The identities that may call the service `name`, callers first, without repeats."""
    callers = [ctx.principal(caller.name) for caller, _ in ctx.callers_of.get(name, ())]
    ingresses = [ctx.principal(gateway.name) for gateway, _ in ctx.routes_to.get(name, ())]
    return list(dict.fromkeys(callers + ingresses))


def needs_workload_policy(ctx: ExportContext, name: str) -> bool:
    return name in ctx.defined and authorization_required(ctx)


def workload_policy(ctx: ExportContext, name: str) -> dict:
    """ALLOW the declared callers; with no rules at all, the policy allows nothing."""
    spec: dict[str, Any] = {"selector": workload_selector(ctx, name), "action": "ALLOW"}
    principals = admitted_principals(ctx, name)
    if principals:
        spec["rules"] = [{"from": [{"source": {"principals": principals}}]}]
    else:
        ctx.note(
            TARGET,
            "Services that nothing calls and no gateway routes to get an allow-nothing "
            "AuthorizationPolicy.",
        )
    return resource(SECURITY, "AuthorizationPolicy", ctx.metadata(name), spec)


def note_mesh_security(ctx: ExportContext) -> None:
    """Say what the bundle does when the design leaves mTLS or authorization off."""
    if not mtls_required(ctx):
        ctx.note(
            TARGET,
            "The design does not require mTLS: no PeerAuthentication, so Istio's PERMISSIVE "
            "default applies.",
        )
    if not authorization_required(ctx):
        ctx.note(
            TARGET,
            "The design does not require authorization: services get no AuthorizationPolicy "
            "and admit every caller.",
        )
