"""What every Istio resource family shares: API versions, object shells, durations."""

from __future__ import annotations

from typing import Any

from ..context import ExportContext

NETWORKING = "networking.istio.io/v1"
SECURITY = "security.istio.io/v1"
TELEMETRY = "telemetry.istio.io/v1"

# The target name notes are filed under in the bundle's README.
TARGET = "istio"


def resource(api_version: str, kind: str, metadata: dict[str, Any], spec: dict[str, Any]) -> dict:
    return {"apiVersion": api_version, "kind": kind, "metadata": metadata, "spec": spec}


def workload_selector(ctx: ExportContext, name: str) -> dict[str, dict[str, str]]:
    """The `selector` of a policy that applies to the workload `name` only."""
    return {"matchLabels": ctx.selector_labels(name)}


def duration_ms(milliseconds: int) -> str:
    """An Istio duration: whole seconds as `2s`, anything else as `250ms`."""
    if milliseconds % 1000 == 0:
        return f"{milliseconds // 1000}s"
    return f"{milliseconds}ms"


def mtls_required(ctx: ExportContext) -> bool:
    return ctx.spec.mesh is not None and ctx.spec.mesh.security.mtls


def authorization_required(ctx: ExportContext) -> bool:
    return ctx.spec.mesh is not None and ctx.spec.mesh.security.authorization


def reaches(ctx: ExportContext, name: str) -> bool:
    """Whether traffic can reach the service `name`: it is defined, or it is called or routed.

    A placeholder that nothing calls needs no routing; one that is called still
    gets its host, routing and resilience so that callers behave as designed.
    """
    if name in ctx.defined:
        return True
    return bool(ctx.callers_of.get(name) or ctx.routes_to.get(name))
