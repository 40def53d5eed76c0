"""Traffic to one host: its ServiceEntry (placeholders), DestinationRule and VirtualService.

All routing of a host lives in ONE VirtualService and ONE DestinationRule (Kiali
KIA1106, KIA0201): per-caller timeouts, retries and the circuit breaker are
merged here rather than spread over objects that would shadow each other.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..context import ExportContext
from ..workload import PORT_NAME
from .resources import NETWORKING, TARGET, duration_ms, mtls_required, reaches, resource

# What a retry reacts to: server errors, resets and refused connections or streams.
RETRY_ON = "5xx,reset,connect-failure,refused-stream"
# How often Envoy sweeps for hosts to eject (Istio's own default).
OUTLIER_INTERVAL = "10s"


def service_port(ctx: ExportContext) -> int:
    """The port callers reach a service on: its Kubernetes Service's, the container's."""
    return ctx.options.container_port


def note_defaults(ctx: ExportContext) -> None:
    """State the Istio defaults that apply where the design sets no timeout or retries."""
    if any(dependency.timeout_ms is None for dependency in ctx.dependencies.values()):
        ctx.note(
            TARGET,
            "Calls whose dependency has no timeout_ms get no timeout and no per-try timeout "
            "(Istio's default).",
        )
    if any(reaches(ctx, name) and name not in ctx.retry_of for name in ctx.services):
        ctx.note(
            TARGET,
            "Services without a retry policy keep Istio's default retries (2 retries on "
            "connection failures, refused streams and unavailable responses).",
        )


# --- ServiceEntry -------------------------------------------------------------------


def needs_service_entry(ctx: ExportContext, name: str) -> bool:
    return name in ctx.placeholders and reaches(ctx, name)


def service_entry(ctx: ExportContext, name: str) -> dict:
    ctx.note(
        TARGET,
        "Placeholders that are called or routed to get a ServiceEntry (MESH_INTERNAL, DNS) so "
        "their host exists in the mesh; delete it once the service is deployed.",
    )
    return resource(
        NETWORKING,
        "ServiceEntry",
        ctx.metadata(name),
        {
            "hosts": [ctx.host(name)],
            "location": "MESH_INTERNAL",
            "resolution": "DNS",
            "ports": [{"number": service_port(ctx), "name": PORT_NAME, "protocol": "HTTP"}],
        },
    )


# --- DestinationRule ------------------------------------------------------------------


def needs_destination_rule(ctx: ExportContext, name: str) -> bool:
    return reaches(ctx, name) and (name in ctx.breaker_of or mtls_required(ctx))


def destination_rule(ctx: ExportContext, name: str) -> dict:
    policy: dict[str, Any] = {}
    if mtls_required(ctx):
        policy["tls"] = {"mode": "ISTIO_MUTUAL"}
    breaker = ctx.breaker_of.get(name)
    if breaker is not None:
        ctx.note(
            TARGET,
            f"Circuit breakers sweep for failing hosts every {OUTLIER_INTERVAL} "
            "(outlierDetection.interval).",
        )
        policy["outlierDetection"] = {
            "consecutive5xxErrors": breaker.failure_threshold,
            "interval": OUTLIER_INTERVAL,
            "baseEjectionTime": f"{breaker.reset_timeout_seconds}s",
        }
    return resource(
        NETWORKING,
        "DestinationRule",
        ctx.metadata(name),
        {"host": ctx.host(name), "trafficPolicy": policy},
    )


# --- VirtualService -------------------------------------------------------------------


def caller_timeouts(ctx: ExportContext, name: str) -> dict[int, list[str]]:
    """timeout_ms -> the callers that set it on their dependency, shortest timeout first."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for caller, dependency in ctx.callers_of.get(name, ()):
        if dependency.timeout_ms is not None:
            grouped[dependency.timeout_ms].append(caller.name)
    return dict(sorted(grouped.items()))


def needs_virtual_service(ctx: ExportContext, name: str) -> bool:
    if not reaches(ctx, name):
        return False
    return name in ctx.retry_of or any(
        dependency.timeout_ms is not None for _, dependency in ctx.callers_of.get(name, ())
    )


def _retries(ctx: ExportContext, name: str, timeout_ms: int | None) -> dict[str, Any] | None:
    policy = ctx.retry_of.get(name)
    if policy is None:
        return None
    ctx.note(
        TARGET,
        f"Retries happen on `{RETRY_ON}`. Istio's `attempts` (retries after the first try) "
        "is the design's max_attempts and its `backoff` the initial_backoff_ms; Envoy then "
        "backs off exponentially with jitter up to 10 times that, as max_backoff_ms and "
        "backoff_multiplier have no Istio field.",
    )
    retries: dict[str, Any] = {
        "attempts": policy.max_attempts,
        "retryOn": RETRY_ON,
        "backoff": duration_ms(policy.initial_backoff_ms),
    }
    if timeout_ms is not None:
        ctx.note(
            TARGET,
            "perTryTimeout is the caller's timeout_ms divided by max_attempts + 1, so the "
            "first try and every retry fit in the caller's timeout.",
        )
        retries["perTryTimeout"] = duration_ms(max(1, timeout_ms // (policy.max_attempts + 1)))
    return retries


def _route(
    ctx: ExportContext, name: str, route_name: str, timeout_ms: int | None, callers: list[str]
) -> dict[str, Any]:
    route: dict[str, Any] = {"name": route_name}
    if callers:
        route["match"] = [{"sourceLabels": ctx.selector_labels(caller)} for caller in callers]
    route["route"] = [{"destination": {"host": ctx.host(name)}}]
    if timeout_ms is not None:
        route["timeout"] = duration_ms(timeout_ms)
    retries = _retries(ctx, name, timeout_ms)
    if retries is not None:
        route["retries"] = retries
    return route


def virtual_service(ctx: ExportContext, name: str) -> dict:
    """Callers with a timeout first (matched on their labels), then everyone else."""
    routes = [
        _route(ctx, name, f"timeout-{duration_ms(timeout_ms)}", timeout_ms, callers)
        for timeout_ms, callers in caller_timeouts(ctx, name).items()
    ]
    routes.append(_route(ctx, name, "default", None, []))
    return resource(
        NETWORKING,
        "VirtualService",
        ctx.metadata(name),
        {"hosts": [ctx.host(name)], "http": routes},
    )
