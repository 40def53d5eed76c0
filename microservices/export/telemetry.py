"""The OpenTelemetry SDK environment of a traced service, and where its telemetry goes.

Spelt once for the Deployment's container (kubernetes, argo-rollouts) and the
`.env` files of the opentelemetry target, so a workload and its documented
environment never disagree. Every SDK reads these variables, whatever the language.
"""

from __future__ import annotations

from ..spec.enums import Tracer
from ..spec.model import Service
from .context import ExportContext

# The Collector every traced service sends to; the opentelemetry target runs it.
COLLECTOR_NAME = "otel-collector"
OTLP_GRPC_PORT = 4317
OTLP_HTTP_PORT = 4318
ZIPKIN_PORT = 9411
ZIPKIN_SPANS_PATH = "/api/v2/spans"

# What the SDK's trace exporter speaks for each tracer: Jaeger has ingested OTLP
# natively since 1.35 and the SDKs' Jaeger exporters are deprecated, so only
# Zipkin keeps its own protocol.
TRACE_EXPORTER = {Tracer.JAEGER: "otlp", Tracer.OTLP: "otlp", Tracer.ZIPKIN: "zipkin"}


def collector_host(ctx: ExportContext) -> str:
    return ctx.host(COLLECTOR_NAME)


def _resource_attributes(ctx: ExportContext) -> str:
    # `service.namespace` makes the Collector's Prometheus exporter label metrics
    # job="<namespace>/<service>", which is what the SLO queries select on.
    return f"service.namespace={ctx.namespace},service.version={ctx.options.image_tag}"


def _signal_exporter(enabled: bool) -> str:
    return "otlp" if enabled else "none"


def metrics_wanted(ctx: ExportContext) -> bool:
    """Whether services send metrics to the Collector.

    When the mesh asks for metrics, or when an SLO is measured from the services'
    own HTTP metrics (no Istio sidecars to report them).
    """
    mesh = ctx.spec.mesh
    if mesh is not None and mesh.observability.metrics:
        return True
    return not ctx.mesh_is_istio and any(service.slos for service in ctx.defined_services)


def logs_wanted(ctx: ExportContext) -> bool:
    mesh = ctx.spec.mesh
    return mesh is not None and mesh.observability.logging


def otel_environment(ctx: ExportContext, service: Service) -> list[tuple[str, str]]:
    """The OTEL_* variables of `service`, in a stable order; empty when it is not traced."""
    tracing = service.tracing
    if tracing is None:
        return []
    otlp_endpoint = f"http://{collector_host(ctx)}:{OTLP_HTTP_PORT}"
    environment = [
        ("OTEL_SERVICE_NAME", service.name),
        ("OTEL_RESOURCE_ATTRIBUTES", _resource_attributes(ctx)),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", otlp_endpoint),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_TRACES_EXPORTER", TRACE_EXPORTER[tracing.tracer]),
    ]
    if tracing.tracer == Tracer.ZIPKIN:
        zipkin_endpoint = f"http://{collector_host(ctx)}:{ZIPKIN_PORT}{ZIPKIN_SPANS_PATH}"
        environment.append(("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin_endpoint))
    environment += [
        ("OTEL_METRICS_EXPORTER", _signal_exporter(metrics_wanted(ctx))),
        ("OTEL_LOGS_EXPORTER", _signal_exporter(logs_wanted(ctx))),
        ("OTEL_PROPAGATORS", "tracecontext,baggage,b3multi"),
        ("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
        ("OTEL_TRACES_SAMPLER_ARG", str(tracing.sample_rate)),
    ]
    return environment


def note_environment(ctx: ExportContext, target: str) -> None:
    """The README lines that explain the environment's choices, under `target`."""
    if not any(service.tracing for service in ctx.defined_services):
        return
    ctx.note(
        target,
        f"Traced services send OTLP over HTTP (port {OTLP_HTTP_PORT}) to the Collector "
        f"`{collector_host(ctx)}`; zipkin-traced services send their spans to its Zipkin "
        f"port {ZIPKIN_PORT}. Jaeger-traced services use OTLP, which Jaeger ingests natively.",
    )
    ctx.note(
        target,
        "Propagators are W3C `tracecontext,baggage` plus `b3multi`, the headers Istio's and "
        "Zipkin's proxies forward, so traces join across the mesh.",
    )
    if not metrics_wanted(ctx) or not logs_wanted(ctx):
        ctx.note(
            target,
            "OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER are `none` for the signals the mesh's "
            "observability does not ask for (metrics are kept when SLOs are measured from them).",
        )
