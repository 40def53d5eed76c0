"""Security: who may call what, at the edge (gateways) and inside (the mesh).

An issuer that names a placeholder service is MS102 (integrity), not repeated here.
"""

from __future__ import annotations

from ..model import Severity, dependency, gateway, hit, mesh, service
from ..registry import rule

_TOKEN_TYPES = ("oauth2", "jwt")


@rule(
    "MS601",
    Severity.ERROR,
    "Gateway without authentication",
    rationale="A gateway is the way in from outside: without authentication anyone who can "
    "reach it can call every service it routes to.",
    fix="Configure the gateway's authentication (oauth2, jwt or api-key).",
)
def gateways_without_authentication(ctx, params):
    for gw in ctx.spec.gateways:
        if gw.authentication is None:
            yield hit(f"{gw.name} has no authentication", gateway(gw.name))
        elif gw.authentication.type == "none":
            yield hit(f"{gw.name} has authentication type none", gateway(gw.name))


@rule(
    "MS602",
    Severity.ERROR,
    "Token authentication without an issuer",
    rationale="Verifying an oauth2 or JWT token means checking who issued it; without an issuer "
    "the gateway accepts tokens from anyone who can sign one.",
    fix="Set the issuer: the identity service of the architecture, or the issuer's URL.",
)
def token_authentication_without_issuer(ctx, params):
    for gw in ctx.spec.gateways:
        auth = gw.authentication
        if auth is not None and auth.type in _TOKEN_TYPES and not auth.issuer:
            yield hit(f"{gw.name} accepts {auth.type} tokens but names no issuer", gateway(gw.name))


@rule(
    "MS603",
    Severity.WARNING,
    "Mesh without mTLS",
    rationale="Without mutual TLS, traffic between services is readable and forgeable by "
    "anything on the network, and no service can prove who is calling it.",
    fix="Turn on mTLS in the mesh's security settings.",
)
def mesh_without_mtls(ctx, params):
    m = ctx.spec.mesh
    if m is not None and not m.security.mtls:
        yield hit(f"{m.name} ({m.mesh_type}) does not enforce mTLS", mesh(m.name))


@rule(
    "MS604",
    Severity.WARNING,
    "Mesh authorization off",
    rationale="Without authorization policies every service in the mesh may call every other: "
    "one compromised service reaches them all.",
    fix="Turn on authorization in the mesh and allow only the declared dependencies.",
)
def mesh_without_authorization(ctx, params):
    m = ctx.spec.mesh
    if m is not None and not m.security.authorization:
        yield hit(f"{m.name} ({m.mesh_type}) has authorization off", mesh(m.name))


@rule(
    "MS605",
    Severity.WARNING,
    "Gateway without rate limiting",
    rationale="Without a rate limit one client can exhaust the services behind the gateway, "
    "by accident or on purpose.",
    fix="Set the gateway's rate limiting (requests per minute).",
)
def gateways_without_rate_limiting(ctx, params):
    for gw in ctx.spec.gateways:
        if gw.rate_limiting is None:
            yield hit(f"{gw.name} has no rate limiting", gateway(gw.name))


@rule(
    "MS606",
    Severity.WARNING,
    "Service reachable around the gateway",
    rationale="A service that exposes endpoints, gets no route from any gateway and is called "
    "by no other service can only be an entry point of its own: its clients bypass the "
    "gateway's authentication and rate limiting.",
    fix="Route the service through a gateway, or stop exposing its endpoints.",
)
def services_bypassing_gateways(ctx, params):
    if not ctx.spec.gateways:
        return
    routed, callers = ctx.routed, ctx.callers
    for name, svc in ctx.defined.items():
        if not svc.endpoints or name in routed:
            continue
        if any(caller != name for caller in callers.get(name, ())):
            continue
        yield hit(
            f"{name} exposes {len(svc.endpoints)} endpoint(s) but no gateway routes to it and "
            "no service calls it",
            service(name),
        )


@rule(
    "MS607",
    Severity.WARNING,
    "No service-to-service authentication",
    rationale="A gateway authenticates requests from outside; once inside, sync calls between "
    "services cross no mesh, so no service can tell who is calling it.",
    fix="Add a service mesh with mTLS, or authenticate service-to-service calls otherwise.",
)
def no_service_to_service_authentication(ctx, params):
    if not ctx.spec.gateways or ctx.spec.mesh is not None:
        return
    calls = sorted((a, b) for a, b in ctx.sync_graph.edges if a != b)
    if not calls:
        return
    caller, callee = calls[0]
    names = ", ".join(gw.name for gw in ctx.spec.gateways)
    yield hit(
        f"The architecture has a gateway ({names}) but no mesh, so its {len(calls)} sync "
        f"call(s) between services, such as {caller} -> {callee}, are not authenticated",
        *(gateway(gw.name) for gw in ctx.spec.gateways),
        dependency(caller, callee),
        sync_calls=len(calls),
    )
