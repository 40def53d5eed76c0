"""Argo Rollouts: a Rollout instead of a Deployment for canary and blue-green services.

Each such service gets `rollouts/<name>.yaml`. A canary Rollout steps its weight
from the design's initial percentage by its increment up to 100, pausing in
between; with `metrics_based` an AnalysisTemplate built from the service's SLOs
runs alongside and aborts the rollout when they are missed. A blue-green Rollout
switches the kubernetes target's Service and previews on `<name>-preview`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...spec.enums import DeploymentKind, LatencyUnit, ObjectiveName
from ...spec.model import Canary, Service
from .. import slo_queries
from ..context import ExportContext
from ..registry import OutputFile, exporter
from ..workload import (
    ARGO_ROLLOUTS,
    is_progressive,
    kubernetes_service,
    note_pod_defaults,
    pod_template,
)

TARGET = ARGO_ROLLOUTS
API_VERSION = "argoproj.io/v1alpha1"
PROMETHEUS_ADDRESS = "http://prometheus-operated.monitoring.svc.cluster.local:9090"
# How the analysis samples: a short rate window so a bad canary shows within
# minutes, and a few misses tolerated so one noisy minute does not abort it.
QUERY_WINDOW = "5m"
MEASUREMENT_INTERVAL = "1m"
FAILURE_LIMIT = 2
# No traffic, or no failing request ever recorded, leaves Prometheus with an
# empty or NaN result: that is no evidence against the canary.
NO_DATA = "len(result) == 0 || isNaN(result[0])"


def preview_service_name(name: str) -> str:
    return f"{name}-preview"


def canary_weights(canary: Canary) -> list[int]:
    """initial, initial + increment, ... and finally 100."""
    weights = list(range(canary.initial_percentage, 100, canary.increment))
    return [*weights, 100]


def canary_steps(canary: Canary) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for weight in canary_weights(canary):
        steps.append({"setWeight": weight})
        # A pause without a duration waits for a manual promotion: a 0-minute
        # pause is no pause at all, and none follows the last weight.
        if weight < 100 and canary.pause_duration_minutes > 0:
            steps.append({"pause": {"duration": f"{canary.pause_duration_minutes}m"}})
    return steps


@dataclass(frozen=True)
class AnalysisMetric:
    name: str
    query: str
    condition: str  # what a good measurement satisfies, in Argo's expression language


def _threshold(value: float) -> str:
    # Rounded so that 1 - 0.001 is written 0.999, not 0.9990000000000001.
    return repr(round(value, 9))


def analysis_metrics(ctx: ExportContext, service: Service) -> list[AnalysisMetric]:
    """The canary's checks from the service's SLOs: the strictest success rate, latency p99."""
    success_targets: list[float] = []
    latency_ms: list[float] = []
    for objective in service.slos:
        if objective.name == ObjectiveName.AVAILABILITY:
            success_targets.append(objective.target)
        elif objective.name == ObjectiveName.ERROR_RATE:
            success_targets.append(1 - objective.target)
        else:
            per_unit = 1000 if objective.unit == LatencyUnit.SECONDS else 1
            latency_ms.append(objective.target * per_unit)
    metrics = []
    if success_targets:
        metrics.append(
            AnalysisMetric(
                "success-rate",
                slo_queries.success_ratio(ctx, service.name, QUERY_WINDOW),
                f"result[0] >= {_threshold(max(success_targets))}",
            )
        )
    if latency_ms:
        metrics.append(
            AnalysisMetric(
                "latency-p99",
                slo_queries.latency_p99_ms(ctx, service.name, QUERY_WINDOW),
                f"result[0] <= {_threshold(min(latency_ms))}",
            )
        )
    return metrics


def analysis_template(ctx: ExportContext, service: Service, metrics: list[AnalysisMetric]) -> dict:
    return {
        "apiVersion": API_VERSION,
        "kind": "AnalysisTemplate",
        "metadata": ctx.metadata(service.name, "canary-analysis"),
        "spec": {
            "metrics": [
                {
                    "name": metric.name,
                    "interval": MEASUREMENT_INTERVAL,
                    "failureLimit": FAILURE_LIMIT,
                    "successCondition": f"{NO_DATA} || {metric.condition}",
                    "provider": {
                        "prometheus": {"address": PROMETHEUS_ADDRESS, "query": metric.query}
                    },
                }
                for metric in metrics
            ]
        },
    }


def _canary_strategy(service: Service, analysed: bool) -> dict[str, Any]:
    strategy: dict[str, Any] = {"steps": canary_steps(service.deployment.canary)}
    if analysed:
        # Background analysis from the first pause on, when the canary has traffic.
        strategy["analysis"] = {"templates": [{"templateName": service.name}], "startingStep": 1}
    return strategy


def _blue_green_strategy(service: Service) -> dict[str, Any]:
    return {
        "activeService": service.name,
        "previewService": preview_service_name(service.name),
    }


def rollout(ctx: ExportContext, service: Service, strategy: dict[str, Any]) -> dict:
    return {
        "apiVersion": API_VERSION,
        "kind": "Rollout",
        "metadata": ctx.metadata(service.name),
        "spec": {
            "replicas": ctx.options.replicas,
            "selector": {"matchLabels": ctx.selector_labels(service.name)},
            "template": pod_template(ctx, service),
            "strategy": strategy,
        },
    }


def _canary_documents(ctx: ExportContext, service: Service) -> list[dict]:
    canary = service.deployment.canary
    metrics = analysis_metrics(ctx, service) if canary.metrics_based else []
    if canary.metrics_based and not metrics:
        ctx.note(
            TARGET,
            f"{service.name}'s canary is metrics-based but the service has no SLO to measure: "
            "its Rollout has no analysis.",
        )
    documents = [rollout(ctx, service, {"canary": _canary_strategy(service, bool(metrics))})]
    if metrics:
        documents.append(analysis_template(ctx, service, metrics))
    return documents


def service_documents(ctx: ExportContext, service: Service) -> list[dict]:
    if service.deployment.strategy == DeploymentKind.CANARY:
        return _canary_documents(ctx, service)
    preview = kubernetes_service(ctx, preview_service_name(service.name), service.name)
    return [rollout(ctx, service, {"blueGreen": _blue_green_strategy(service)}), preview]


def _note_defaults(ctx: ExportContext, services: list[Service]) -> None:
    strategies = {service.deployment.strategy for service in services}
    note_pod_defaults(ctx, TARGET)
    if DeploymentKind.CANARY in strategies:
        ctx.note(
            TARGET,
            "Canaries have no trafficRouting: the weight is reached by scaling the canary's "
            "ReplicaSet, so it is approximate (with N replicas the smallest share is 1/N). "
            "Mesh routing would need the canary in the one VirtualService per host that the "
            "istio target writes, so it is left to that file.",
        )
    if any(
        service.deployment.canary and service.deployment.canary.metrics_based
        for service in services
    ):
        ctx.note(
            TARGET,
            f"Canary analysis queries Prometheus at `{PROMETHEUS_ADDRESS}` every "
            f"{MEASUREMENT_INTERVAL} over a {QUERY_WINDOW} rate window, from the first pause on; "
            f"more than {FAILURE_LIMIT} missed measurements abort the rollout. A result with no "
            "data (no traffic, or no failed request ever recorded) counts as met. Queries "
            "measure the whole service, stable and canary pods together.",
        )
        ctx.note(
            TARGET,
            "The success-rate check uses the strictest of the availability target and "
            "1 - error-rate target; latency checks the p99 objective in milliseconds.",
        )
    if DeploymentKind.BLUE_GREEN in strategies:
        ctx.note(
            TARGET,
            "Blue-green Rollouts keep Argo's defaults: the new version is promoted "
            "automatically once its pods are ready on the `<name>-preview` Service.",
        )


@exporter(
    TARGET,
    title="Argo Rollouts",
    description=(
        "Rollouts for canary and blue-green services, with canary steps from the design and "
        "AnalysisTemplates checking the service's SLOs in Prometheus."
    ),
    options=("namespace", "image_registry", "image_tag", "replicas", "container_port"),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    progressive = [service for service in ctx.defined_services if is_progressive(service)]
    if progressive:
        _note_defaults(ctx, progressive)
    for service in progressive:
        yield OutputFile(
            f"rollouts/{service.name}.yaml",
            lambda service=service: service_documents(ctx, service),
        )
