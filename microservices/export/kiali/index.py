"""Lookups the checks share: namespaces, host names, workloads and label selectors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from ..checks import Located, Objects

# Where Istio reads mesh-wide policies from (its default root namespace).
ROOT_NAMESPACE = "istio-system"
# Kinds whose pods the checks look at, each with a pod template in `spec.template`
# (a Rollout may point at a Deployment's template instead: `spec.workloadRef`).
WORKLOAD_KINDS = ("Deployment", "Rollout", "StatefulSet", "DaemonSet")
CLUSTER_SUFFIX = ".svc.cluster.local"


def namespace_of(located: Located) -> str:
    return (located.document.get("metadata") or {}).get("namespace") or "default"


def spec_of(located: Located) -> dict[str, Any]:
    spec = located.document.get("spec")
    return spec if isinstance(spec, dict) else {}


def full_host(host: str, namespace: str) -> str:
    """A host as Istio resolves it: short names are relative to the object's namespace."""
    if "*" in host:
        return host
    if "." not in host:
        return f"{host}.{namespace}{CLUSTER_SUFFIX}"
    if host.endswith(".svc"):
        return f"{host}.cluster.local"
    return host


def host_matches(pattern: str, host: str) -> bool:
    """Whether `host` is `pattern`, or falls under the wildcard `pattern` (`*.example.com`)."""
    if pattern == "*":
        return True
    if pattern.startswith("*"):
        return host.endswith(pattern[1:])
    return pattern == host


class HostRegistry:
    """The hosts the bundle declares: Kubernetes Services and ServiceEntries."""

    def __init__(self, objects: Objects):
        self.hosts: set[str] = set()
        self.wildcards: list[str] = []
        for located in objects.of("Service"):
            self.hosts.add(f"{located.name}.{namespace_of(located)}{CLUSTER_SUFFIX}")
        for located in objects.of("ServiceEntry"):
            for host in spec_of(located).get("hosts") or ():
                resolved = full_host(str(host), namespace_of(located))
                if "*" in resolved:
                    self.wildcards.append(resolved)
                else:
                    self.hosts.add(resolved)

    def declares(self, host: str) -> bool:
        """Whether `host` (already resolved) is declared, or matches a declared host."""
        if host in self.hosts or any(host_matches(w, host) for w in self.wildcards):
            return True
        return "*" in host and any(host_matches(host, known) for known in self.hosts)


# --- workloads and selectors ------------------------------------------------------------


def pod_template(located: Located, deployments: Mapping[tuple[str, str], Located]) -> dict:
    """The pod template a workload runs (a Rollout's may live in the Deployment it refers to)."""
    spec = spec_of(located)
    template = spec.get("template")
    reference = spec.get("workloadRef")
    if template is None and isinstance(reference, dict):
        target = deployments.get((namespace_of(located), str(reference.get("name"))))
        template = spec_of(target).get("template") if target is not None else None
    return template if isinstance(template, dict) else {}


def _opts_out_of_sidecar(template: dict) -> bool:
    metadata = template.get("metadata") or {}
    marks = {**(metadata.get("annotations") or {}), **(metadata.get("labels") or {})}
    return str(marks.get("sidecar.istio.io/inject", "")).lower() == "false"


class Workloads:
    """Every workload of the bundle, findable by the labels of its pods."""

    def __init__(self, objects: Objects):
        deployments = {
            (namespace_of(located), located.name): located for located in objects.of("Deployment")
        }
        self.all: list[Located] = objects.of(*WORKLOAD_KINDS)
        templates = [pod_template(workload, deployments) for workload in self.all]
        self.labels: list[dict[str, str]] = [
            {str(k): str(v) for k, v in ((t.get("metadata") or {}).get("labels") or {}).items()}
            for t in templates
        ]
        self.outside_mesh: list[bool] = [_opts_out_of_sidecar(t) for t in templates]
        self.containers: list[list[dict]] = [
            list((t.get("spec") or {}).get("containers") or []) for t in templates
        ]
        self._by_label: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for index, (workload, labels) in enumerate(zip(self.all, self.labels, strict=True)):
            for key, value in labels.items():
                self._by_label[(namespace_of(workload), key, value)].append(index)

    def selected(self, namespace: str, selector: Mapping[str, Any]) -> Iterator[int]:
        """Indexes of the workloads in `namespace` whose pods carry every label of `selector`."""
        pairs = [(str(key), str(value)) for key, value in selector.items()]
        if not pairs:
            return iter(())
        # Start from the rarest label, so a selector naming one workload costs one lookup.
        candidates = min(
            (self._by_label.get((namespace, key, value), []) for key, value in pairs), key=len
        )
        return (
            index
            for index in candidates
            if all(self.labels[index].get(key) == value for key, value in pairs)
        )
