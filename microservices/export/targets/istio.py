"""The `istio` target: ingress, routing, resilience, mTLS, authorization and tracing.

Files: `mesh.yaml` (namespace-wide mTLS), `gateways/<gateway>.yaml` (one
self-contained ingress per API gateway) and `services/<name>.yaml` (everything
about one host: its routing and resilience, its authorization, its tracing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..context import ExportContext
from ..istio import ingress, security, telemetry, traffic
from ..istio.resources import TARGET, mtls_required
from ..registry import OutputFile, exporter

# (whether the service `name` has the object, how to build it), in file order.
ServiceFamily = tuple[Callable[[ExportContext, str], bool], Callable[[ExportContext, str], dict]]
SERVICE_FAMILIES: tuple[ServiceFamily, ...] = (
    (traffic.needs_service_entry, traffic.service_entry),
    (traffic.needs_destination_rule, traffic.destination_rule),
    (traffic.needs_virtual_service, traffic.virtual_service),
    (security.needs_workload_policy, security.workload_policy),
    (telemetry.needs_telemetry, telemetry.telemetry),
)


def _service_file(ctx: ExportContext, name: str) -> OutputFile | None:
    families = [build for needs, build in SERVICE_FAMILIES if needs(ctx, name)]
    if not families:
        return None
    return OutputFile(f"services/{name}.yaml", lambda: [build(ctx, name) for build in families])


@exporter(
    TARGET,
    title="Istio",
    description="Ingress gateways, per-host routing with retries, timeouts and circuit "
    "breakers, mTLS, least-privilege authorization policies and tracing samples.",
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    if not ctx.mesh_is_istio:
        ctx.note(
            TARGET,
            "The design's mesh is not Istio: these resources take effect only on a cluster "
            "running Istio.",
        )
    security.note_mesh_security(ctx)
    traffic.note_defaults(ctx)
    if mtls_required(ctx):
        yield OutputFile("mesh.yaml", lambda: [security.peer_authentication(ctx)])
    for gateway in ctx.spec.gateways:
        yield OutputFile(
            f"gateways/{gateway.name}.yaml",
            lambda gateway=gateway: ingress.ingress_documents(ctx, gateway),
        )
    for service in ctx.spec.services:
        planned = _service_file(ctx, service.name)
        if planned is not None:
            yield planned
