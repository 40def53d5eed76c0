"""Kubernetes: the architecture's Namespace, and per defined service its workload.

`namespace.yaml` holds the Namespace (with Istio sidecar injection when the mesh
is Istio). Each defined service gets `services/<name>.yaml`: a ServiceAccount, a
Service whose `http` port its pods serve, and a Deployment running the shared
pod template — unless the argo-rollouts target runs the service as a Rollout.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...spec.model import Service
from ..context import MANAGED_BY, ExportContext
from ..registry import OutputFile, exporter
from ..telemetry import note_environment
from ..workload import (
    ARGO_ROLLOUTS,
    PORT_NAME,
    is_progressive,
    kubernetes_service,
    note_pod_defaults,
    pod_template,
    rolled_out_by_argo,
)

TARGET = "kubernetes"


def namespace(ctx: ExportContext) -> dict[str, Any]:
    labels = {"app.kubernetes.io/part-of": ctx.slug, "app.kubernetes.io/managed-by": MANAGED_BY}
    if ctx.mesh_is_istio:
        labels["istio-injection"] = "enabled"
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": ctx.namespace, "labels": labels},
    }


def service_account(ctx: ExportContext, service: Service) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": ctx.metadata(ctx.service_account(service.name)),
        "automountServiceAccountToken": False,
    }


def deployment(ctx: ExportContext, service: Service) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": ctx.metadata(service.name),
        "spec": {
            "replicas": ctx.options.replicas,
            "selector": {"matchLabels": ctx.selector_labels(service.name)},
            "strategy": {"type": "RollingUpdate"},
            "template": pod_template(ctx, service),
        },
    }


def service_documents(ctx: ExportContext, service: Service) -> list[dict[str, Any]]:
    documents = [service_account(ctx, service), kubernetes_service(ctx, service.name, service.name)]
    if not rolled_out_by_argo(ctx, service):
        documents.append(deployment(ctx, service))
    return documents


def _note_strategies(ctx: ExportContext) -> None:
    ctx.note(
        TARGET,
        "Deployments roll out with Kubernetes' RollingUpdate defaults (maxSurge 25%, "
        "maxUnavailable 25%), also for services whose design names no strategy.",
    )
    progressive = [service.name for service in ctx.defined_services if is_progressive(service)]
    if not progressive:
        return
    if ctx.exports(ARGO_ROLLOUTS):
        ctx.note(
            TARGET,
            "Canary and blue-green services have no Deployment here: their pods are run by the "
            f"Rollouts of the {ARGO_ROLLOUTS} target ({', '.join(progressive)}).",
        )
    else:
        ctx.note(
            TARGET,
            f"{ARGO_ROLLOUTS} is not part of this export, so these canary or blue-green services "
            f"get a plain RollingUpdate Deployment: {', '.join(progressive)}.",
        )


@exporter(
    TARGET,
    title="Kubernetes workloads",
    description=(
        "The Namespace, and per service a ServiceAccount, a Service and a Deployment with "
        "probes from its health checks and its tracing environment."
    ),
    options=("namespace", "image_registry", "image_tag", "replicas", "container_port"),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    _note_strategies(ctx)
    note_pod_defaults(ctx, TARGET)
    note_environment(ctx, TARGET)
    ctx.note(
        TARGET,
        f"Services listen on port {ctx.options.container_port} (`container_port`) and expose it "
        f"under the same number as the `{PORT_NAME}` port.",
    )
    yield OutputFile("namespace.yaml", lambda: [namespace(ctx)])
    for service in ctx.defined_services:
        yield OutputFile(
            f"services/{service.name}.yaml",
            lambda service=service: service_documents(ctx, service),
        )
