"""OpenTelemetry: each traced service's SDK environment, and the Collector they send to.

`services/<name>.env` holds the OTEL_* variables of a traced service (the same
ones its Deployment or Rollout sets). `collector/config.yaml` is the Collector's
own configuration: receivers for what the services send, exporters to each
tracing backend the design names, and metrics/logs pipelines when the mesh's
observability asks for them. `collector/collector.yaml` runs it in the namespace.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...spec.enums import Tracer
from ...spec.model import Service
from ..context import ExportContext
from ..registry import OutputFile, exporter
from ..telemetry import (
    COLLECTOR_NAME,
    OTLP_GRPC_PORT,
    OTLP_HTTP_PORT,
    ZIPKIN_PORT,
    ZIPKIN_SPANS_PATH,
    logs_wanted,
    metrics_wanted,
    note_environment,
    otel_environment,
)
from ..yaml_text import dump_document

TARGET = "opentelemetry"
COLLECTOR_IMAGE = "otel/opentelemetry-collector-contrib:0.120.0"
COMPONENT = "telemetry-collector"
PROMETHEUS_PORT = 8889
HEALTH_PORT = 13133
CONFIG_FILE = "config.yaml"
CONFIG_DIRECTORY = "/etc/otelcol"

# Where each backend receives the Collector's spans; the README states them.
BACKEND_EXPORTERS: dict[Tracer, tuple[str, dict[str, Any]]] = {
    Tracer.JAEGER: (
        "otlp/jaeger",
        {
            "endpoint": "jaeger-collector.observability.svc.cluster.local:4317",
            "tls": {"insecure": True},
        },
    ),
    Tracer.OTLP: (
        "otlp/traces",
        {
            "endpoint": "otlp-backend.observability.svc.cluster.local:4317",
            "tls": {"insecure": True},
        },
    ),
    Tracer.ZIPKIN: (
        "zipkin",
        {"endpoint": f"http://zipkin.observability.svc.cluster.local:9411{ZIPKIN_SPANS_PATH}"},
    ),
}
LOGS_EXPORTER = (
    "otlphttp/logs",
    {"endpoint": "http://loki.observability.svc.cluster.local:3100/otlp"},
)
PROCESSORS = {
    # Refuses data before the pod is OOM-killed, so senders retry instead of losing it.
    "memory_limiter": {
        "check_interval": "1s",
        "limit_percentage": 80,
        "spike_limit_percentage": 25,
    },
    "batch": {},
}


def _traced(ctx: ExportContext) -> list[Service]:
    return [service for service in ctx.defined_services if service.tracing is not None]


def tracers_used(ctx: ExportContext) -> list[Tracer]:
    used = {service.tracing.tracer for service in _traced(ctx)}
    return [tracer for tracer in Tracer if tracer in used]


def _pipeline(
    receivers: list[str], exporters: list[str], processors: list[str] | None = None
) -> dict:
    return {
        "receivers": receivers,
        "processors": list(PROCESSORS) if processors is None else processors,
        "exporters": exporters,
    }


def _trace_pipelines(
    ctx: ExportContext, tracers: list[Tracer], receivers: list[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(connectors, pipelines): one backend is exported to directly, several through routing.

    Every traced service is routed by name; spans of a service the design does not
    know (a default is required) go to the first backend.
    """
    if len(tracers) == 1:
        return {}, {"traces": _pipeline(receivers, [BACKEND_EXPORTERS[tracers[0]][0]])}
    pipeline_of = {tracer: f"traces/{tracer.value}" for tracer in tracers}
    routing = {
        "default_pipelines": [pipeline_of[tracers[0]]],
        "table": [
            {
                "statement": f'route() where attributes["service.name"] == "{service.name}"',
                "pipelines": [pipeline_of[service.tracing.tracer]],
            }
            for service in _traced(ctx)
        ],
    }
    pipelines = {"traces": _pipeline(receivers, ["routing"], ["memory_limiter"])}
    for tracer in tracers:
        pipelines[pipeline_of[tracer]] = _pipeline(
            ["routing"], [BACKEND_EXPORTERS[tracer][0]], ["batch"]
        )
    return {"routing": routing}, pipelines


def collector_config(ctx: ExportContext) -> dict[str, Any]:
    """The Collector's configuration for the services of this architecture."""
    tracers = tracers_used(ctx)
    receivers: dict[str, Any] = {
        "otlp": {
            "protocols": {
                "grpc": {"endpoint": f"0.0.0.0:{OTLP_GRPC_PORT}"},
                "http": {"endpoint": f"0.0.0.0:{OTLP_HTTP_PORT}"},
            }
        }
    }
    if Tracer.ZIPKIN in tracers:
        receivers["zipkin"] = {"endpoint": f"0.0.0.0:{ZIPKIN_PORT}"}
    exporters = dict(BACKEND_EXPORTERS[tracer] for tracer in tracers)
    connectors, pipelines = _trace_pipelines(ctx, tracers, list(receivers))
    if metrics_wanted(ctx):
        # Names metrics as the SLO queries expect (job="<service.namespace>/<service.name>").
        exporters["prometheus"] = {"endpoint": f"0.0.0.0:{PROMETHEUS_PORT}"}
        pipelines["metrics"] = _pipeline(["otlp"], ["prometheus"])
    if logs_wanted(ctx):
        exporters[LOGS_EXPORTER[0]] = LOGS_EXPORTER[1]
        pipelines["logs"] = _pipeline(["otlp"], [LOGS_EXPORTER[0]])
    config: dict[str, Any] = {
        "extensions": {"health_check": {"endpoint": f"0.0.0.0:{HEALTH_PORT}"}},
        "receivers": receivers,
        "processors": PROCESSORS,
        "exporters": exporters,
    }
    if connectors:
        config["connectors"] = connectors
    config["service"] = {"extensions": ["health_check"], "pipelines": pipelines}
    return config


def _ports(ctx: ExportContext) -> list[tuple[str, int]]:
    """(name, number) of what the Collector serves; names follow Istio's `<protocol>-` rule."""
    ports = [("grpc-otlp", OTLP_GRPC_PORT), ("http-otlp", OTLP_HTTP_PORT)]
    if Tracer.ZIPKIN in tracers_used(ctx):
        ports.append(("http-zipkin", ZIPKIN_PORT))
    if metrics_wanted(ctx):
        ports.append(("http-metrics", PROMETHEUS_PORT))
    return ports


def _config_map(ctx: ExportContext) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": ctx.metadata(COLLECTOR_NAME, COMPONENT),
        "data": {CONFIG_FILE: dump_document(collector_config(ctx))},
    }


def _collector_container(ctx: ExportContext) -> dict[str, Any]:
    return {
        "name": COLLECTOR_NAME,
        "image": COLLECTOR_IMAGE,
        "args": [f"--config={CONFIG_DIRECTORY}/{CONFIG_FILE}"],
        "ports": [
            {"name": name, "containerPort": number, "protocol": "TCP"}
            for name, number in _ports(ctx)
        ],
        "livenessProbe": {"httpGet": {"path": "/", "port": HEALTH_PORT}},
        "readinessProbe": {"httpGet": {"path": "/", "port": HEALTH_PORT}},
        "resources": {"requests": {"cpu": "200m", "memory": "256Mi"}, "limits": {"memory": "1Gi"}},
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [{"name": "config", "mountPath": CONFIG_DIRECTORY, "readOnly": True}],
    }


def _deployment(ctx: ExportContext) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": ctx.metadata(COLLECTOR_NAME, COMPONENT),
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": ctx.selector_labels(COLLECTOR_NAME)},
            "template": {
                "metadata": {
                    "labels": ctx.labels(COLLECTOR_NAME, COMPONENT),
                    # Telemetry of the mesh must not depend on the mesh: no sidecar,
                    # so callers reach it in plain text whatever the mTLS mode.
                    "annotations": {"sidecar.istio.io/inject": "false"},
                },
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [_collector_container(ctx)],
                    "volumes": [{"name": "config", "configMap": {"name": COLLECTOR_NAME}}],
                },
            },
        },
    }


def _service(ctx: ExportContext) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": ctx.metadata(COLLECTOR_NAME, COMPONENT),
        "spec": {
            "selector": ctx.selector_labels(COLLECTOR_NAME),
            "ports": [
                {"name": name, "port": number, "targetPort": number, "protocol": "TCP"}
                for name, number in _ports(ctx)
            ],
        },
    }


def collector_objects(ctx: ExportContext) -> list[dict[str, Any]]:
    return [_config_map(ctx), _deployment(ctx), _service(ctx)]


def environment_file(ctx: ExportContext, service: Service) -> str:
    return "".join(f"{name}={value}\n" for name, value in otel_environment(ctx, service))


def _note_collector(ctx: ExportContext) -> None:
    ctx.note(
        TARGET,
        f"One Collector (`{COLLECTOR_IMAGE}`, 1 replica, no Istio sidecar) receives OTLP on "
        f"{OTLP_GRPC_PORT}/{OTLP_HTTP_PORT} and Zipkin on {ZIPKIN_PORT} when a service uses it.",
    )
    endpoints = ", ".join(
        f"{tracer.value} at `{BACKEND_EXPORTERS[tracer][1]['endpoint']}`"
        for tracer in tracers_used(ctx)
    )
    ctx.note(TARGET, f"Tracing backends are assumed at: {endpoints}.")
    if len(tracers_used(ctx)) > 1:
        ctx.note(
            TARGET,
            "Services use several tracers: the routing connector sends each service's spans "
            "to its own backend by `service.name`.",
        )
    if metrics_wanted(ctx):
        ctx.note(
            TARGET,
            f"Metrics are served for Prometheus on the Collector's port {PROMETHEUS_PORT} "
            "(`http-metrics`); scrape it with honor_labels so `job` stays `<namespace>/<service>`.",
        )
    if logs_wanted(ctx):
        ctx.note(TARGET, f"Logs are sent to Loki's OTLP endpoint `{LOGS_EXPORTER[1]['endpoint']}`.")


@exporter(
    TARGET,
    title="OpenTelemetry",
    description=(
        "Each traced service's OTEL_* environment (exporter by tracer, parent-based ratio "
        "sampling at its sample rate) and a Collector configuration with its Kubernetes objects."
    ),
    options=("namespace", "image_tag"),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    traced = _traced(ctx)
    if not traced:
        return
    note_environment(ctx, TARGET)
    _note_collector(ctx)
    for service in traced:
        yield OutputFile(
            f"services/{service.name}.env", lambda service=service: environment_file(ctx, service)
        )
    yield OutputFile(f"collector/{CONFIG_FILE}", lambda: [collector_config(ctx)])
    yield OutputFile("collector/collector.yaml", lambda: collector_objects(ctx))
