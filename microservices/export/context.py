"""What every exporter reads: the spec's indexes, the options, and naming rules.

One `ExportContext` is built per export and shared by every target, so names
(labels, service accounts, principals, images) are spelt in exactly one place
and agree across files — the checks in `checks.py` rely on that.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..spec.model import (
    Architecture,
    CircuitBreaker,
    Dependency,
    Gateway,
    RetryPolicy,
    Route,
    Service,
)
from ..spec.normalize import slugify
from ..validation.context import Context
from .options import ExportOptions

MANAGED_BY = "microservices-designer"


class ExportContext(Context):
    def __init__(
        self,
        spec: Architecture,
        options: ExportOptions | None = None,
        *,
        revision: int | None = None,
        targets: tuple[str, ...] = (),
    ):
        super().__init__(spec)
        self.options = options or ExportOptions()
        self.revision = revision
        self.targets = targets
        self._notes: dict[str, set[str]] = defaultdict(set)

    # --- the architecture -----------------------------------------------------

    @cached_property
    def slug(self) -> str:
        return self.spec.slug or slugify(self.spec.name)

    @cached_property
    def namespace(self) -> str:
        return self.options.namespace or self.slug

    def exports(self, target: str) -> bool:
        """Whether `target` is part of this export (targets adapt to each other)."""
        return target in self.targets

    # --- notes for the README: defaults applied where the design said nothing --

    def note(self, target: str, text: str) -> None:
        self._notes[target].add(text)

    @property
    def notes(self) -> dict[str, list[str]]:
        return {target: sorted(texts) for target, texts in sorted(self._notes.items())}

    # --- services -------------------------------------------------------------

    @cached_property
    def defined_services(self) -> list[Service]:
        """The services to deploy, in spec order: placeholders are only names."""
        return [service for service in self.spec.services if not service.placeholder]

    @cached_property
    def callers_of(self) -> dict[str, list[tuple[Service, Dependency]]]:
        """callee -> (caller, dependency) for every defined caller, in spec order."""
        found: dict[str, list[tuple[Service, Dependency]]] = defaultdict(list)
        for caller in self.defined_services:
            for dependency in caller.dependencies:
                found[dependency.service].append((caller, dependency))
        return found

    @cached_property
    def breaker_of(self) -> dict[str, CircuitBreaker]:
        return {breaker.service: breaker for breaker in self.spec.circuit_breakers}

    @cached_property
    def retry_of(self) -> dict[str, RetryPolicy]:
        return {policy.service: policy for policy in self.spec.retry_policies}

    @cached_property
    def routes_to(self) -> dict[str, list[tuple[Gateway, Route]]]:
        """service -> the gateway routes that reach it."""
        found: dict[str, list[tuple[Gateway, Route]]] = defaultdict(list)
        for gateway in self.spec.gateways:
            for route in gateway.routes:
                found[route.service].append((gateway, route))
        return found

    @cached_property
    def mesh_is_istio(self) -> bool:
        return self.spec.mesh is not None and self.spec.mesh.mesh_type.value == "istio"

    # --- names shared by every target ------------------------------------------

    def selector_labels(self, name: str) -> dict[str, str]:
        """The labels that select a workload's pods; never change for a running workload."""
        return {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": name}

    def labels(self, name: str, component: str = "service") -> dict[str, str]:
        """The recommended `app.kubernetes.io/*` labels, plus `app` and `version` for Istio."""
        return {
            **self.selector_labels(name),
            "app.kubernetes.io/part-of": self.slug,
            "app.kubernetes.io/component": component,
            "app.kubernetes.io/version": self.options.image_tag,
            "app.kubernetes.io/managed-by": MANAGED_BY,
            "app": name,
            "version": self.options.image_tag,
        }

    def metadata(self, name: str, component: str = "service", **extra) -> dict:
        """ObjectMeta of an object that belongs to the service or gateway `name`."""
        return {
            "name": name,
            "namespace": self.namespace,
            "labels": self.labels(name, component),
            **extra,
        }

    def image(self, name: str) -> str:
        return f"{self.options.image_registry}/{name}:{self.options.image_tag}"

    def service_account(self, name: str) -> str:
        return name

    def principal(self, name: str) -> str:
        """The mTLS identity of the workload `name` (its service account's SPIFFE name)."""
        return f"cluster.local/ns/{self.namespace}/sa/{self.service_account(name)}"

    def host(self, name: str) -> str:
        """The cluster-local DNS name of the Kubernetes Service `name`."""
        return f"{name}.{self.namespace}.svc.cluster.local"
