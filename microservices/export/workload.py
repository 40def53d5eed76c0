"""A service's pods: the one pod template that a Deployment or an Argo Rollout runs,
and the Service in front of them.

The kubernetes target wraps it in a Deployment, the argo-rollouts target in a
Rollout; both call `pod_template`, so a service rolled out progressively runs
exactly the pods it would run otherwise. Which of the two owns a service's
workload is decided here too (`rolled_out_by_argo`), so the targets agree.
"""

from __future__ import annotations

from typing import Any

from ..spec.enums import CheckType, DeploymentKind
from ..spec.model import Service
from .context import ExportContext
from .telemetry import otel_environment

# Named `http` because Istio and Kiali read the protocol from the port name.
PORT_NAME = "http"
ARGO_ROLLOUTS = "argo-rollouts"
PROGRESSIVE = (DeploymentKind.CANARY, DeploymentKind.BLUE_GREEN)
PROBE_FIELDS = {
    CheckType.LIVENESS: "livenessProbe",
    CheckType.READINESS: "readinessProbe",
    CheckType.STARTUP: "startupProbe",
}
SCRATCH_VOLUME = "tmp"


def is_progressive(service: Service) -> bool:
    """Whether the design asks for a canary or blue-green rollout."""
    return service.deployment is not None and service.deployment.strategy in PROGRESSIVE


def rolled_out_by_argo(ctx: ExportContext, service: Service) -> bool:
    """Whether the argo-rollouts target, not a Deployment, runs `service`'s pods."""
    return is_progressive(service) and ctx.exports(ARGO_ROLLOUTS)


def probes(service: Service) -> dict[str, dict[str, Any]]:
    """The container's probes from the design's health checks (the first of each type)."""
    found: dict[str, dict[str, Any]] = {}
    for check in service.health_checks:
        found.setdefault(
            PROBE_FIELDS[check.type],
            {
                "httpGet": {"path": check.endpoint, "port": PORT_NAME},
                "periodSeconds": check.interval_seconds,
            },
        )
    return found


def _container(ctx: ExportContext, service: Service) -> dict[str, Any]:
    container: dict[str, Any] = {
        "name": service.name,
        "image": ctx.image(service.name),
        "ports": [
            {"name": PORT_NAME, "containerPort": ctx.options.container_port, "protocol": "TCP"}
        ],
    }
    environment = otel_environment(ctx, service)
    if environment:
        container["env"] = [{"name": name, "value": value} for name, value in environment]
    container.update(probes(service))
    # Requests that let a small service schedule on any node; a memory limit (no CPU
    # limit, which only throttles) so that one leaking pod cannot starve its node.
    container["resources"] = {
        "requests": {"cpu": "100m", "memory": "128Mi"},
        "limits": {"memory": "512Mi"},
    }
    container["securityContext"] = {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    container["volumeMounts"] = [{"name": SCRATCH_VOLUME, "mountPath": "/tmp"}]
    return container


def pod_template(ctx: ExportContext, service: Service) -> dict[str, Any]:
    """The PodTemplateSpec of `service`'s workload."""
    return {
        "metadata": {"labels": ctx.labels(service.name)},
        "spec": {
            "serviceAccountName": ctx.service_account(service.name),
            "automountServiceAccountToken": False,
            "securityContext": {
                "runAsNonRoot": True,
                "seccompProfile": {"type": "RuntimeDefault"},
            },
            "containers": [_container(ctx, service)],
            "volumes": [{"name": SCRATCH_VOLUME, "emptyDir": {}}],
        },
    }


def kubernetes_service(ctx: ExportContext, name: str, workload: str) -> dict[str, Any]:
    """The Service `name` in front of the pods of `workload`, on the port they serve."""
    port = ctx.options.container_port
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {**ctx.metadata(workload), "name": name},
        "spec": {
            "selector": ctx.selector_labels(workload),
            "ports": [{"name": PORT_NAME, "port": port, "targetPort": port, "protocol": "TCP"}],
        },
    }


def note_pod_defaults(ctx: ExportContext, target: str) -> None:
    """The README lines for what the pod template adds to the design, under `target`."""
    ctx.note(
        target,
        "Containers request 100m CPU and 128Mi memory and are limited to 512Mi memory "
        "(no CPU limit); adjust per service once its load is known.",
    )
    ctx.note(
        target,
        "Pods run as non-root with the RuntimeDefault seccomp profile, no privilege escalation, "
        "no capabilities and a read-only root filesystem (an emptyDir is mounted at /tmp); "
        "images must run as a non-root user.",
    )
    ctx.note(
        target,
        "Probes are HTTP GETs of the health check's endpoint on the `http` port every "
        "`interval_seconds`; the other probe fields keep Kubernetes' defaults "
        "(initialDelaySeconds 0, timeoutSeconds 1, successThreshold 1, failureThreshold 3). "
        "A service without health checks gets no probes.",
    )
    ctx.note(
        target,
        "Pods do not mount a Kubernetes API token (automountServiceAccountToken: false).",
    )
