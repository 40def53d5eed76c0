"""Tracing samples: a Telemetry resource per traced service."""

from __future__ import annotations

from ..context import ExportContext
from .resources import TARGET, TELEMETRY, resource, workload_selector


def needs_telemetry(ctx: ExportContext, name: str) -> bool:
    service = ctx.defined.get(name)
    return service is not None and service.tracing is not None


def telemetry(ctx: ExportContext, name: str) -> dict:
    tracing = ctx.defined[name].tracing
    provider = tracing.tracer.value
    ctx.note(
        TARGET,
        f"Telemetry sends traces to the provider named `{provider}`: the mesh configuration "
        "must declare it under extensionProviders.",
    )
    # Rounded so that a rate such as 0.07 is written 7.0, not 7.000000000000001.
    percentage = round(tracing.sample_rate * 100, 6)
    return resource(
        TELEMETRY,
        "Telemetry",
        ctx.metadata(name),
        {
            "selector": workload_selector(ctx, name),
            "tracing": [
                {"providers": [{"name": provider}], "randomSamplingPercentage": percentage}
            ],
        },
    )
