"""Mutual TLS: what clients send (DestinationRules) must fit what servers accept.

A DestinationRule that sends plain text or non-Istio TLS (`DISABLE`, `SIMPLE`) to a
host whose namespace requires mTLS (`STRICT` PeerAuthentication) fails every call;
a namespace-wide or mesh-wide DestinationRule sending Istio mTLS needs a
PeerAuthentication enabling it at the same level (Kiali's own KIA0205/KIA0206).
KIA0206 is about one namespace's settings, KIA0205 about the mesh-wide ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..checks import Located, Objects, check
from .index import CLUSTER_SUFFIX, ROOT_NAMESPACE, full_host, namespace_of, spec_of

MESH_HOSTS = ("*", "*.local", "*.cluster.local", f"*{CLUSTER_SUFFIX}")
NOT_ISTIO_MTLS = ("DISABLE", "SIMPLE")
ENABLING = ("STRICT", "PERMISSIVE")


@dataclass(frozen=True)
class PeerModes:
    """The namespace-wide mTLS modes set by PeerAuthentications (mesh-wide: the root's)."""

    by_namespace: dict[str, str]

    @classmethod
    def of(cls, objects: Objects) -> PeerModes:
        modes = {}
        for located in objects.of("PeerAuthentication"):
            spec = spec_of(located)
            mode = str((spec.get("mtls") or {}).get("mode") or "UNSET")
            if not spec.get("selector") and mode != "UNSET":
                modes[namespace_of(located)] = mode
        return cls(modes)

    @property
    def mesh(self) -> str | None:
        return self.by_namespace.get(ROOT_NAMESPACE)

    def effective(self, namespace: str) -> tuple[str | None, str]:
        """(mode, "KIA0206" when the namespace sets it, "KIA0205" when the mesh does)."""
        if namespace in self.by_namespace:
            return self.by_namespace[namespace], "KIA0206"
        return self.mesh, "KIA0205"


def tls_modes(located: Located) -> set[str]:
    """Every TLS mode a DestinationRule sets, for the host, its ports and its subsets."""
    spec = spec_of(located)
    policies = [spec.get("trafficPolicy") or {}]
    policies += [s.get("trafficPolicy") or {} for s in spec.get("subsets") or ()]
    modes = set()
    for policy in policies:
        for settings in [policy, *(policy.get("portLevelSettings") or ())]:
            mode = (settings.get("tls") or {}).get("mode")
            if mode:
                modes.add(str(mode))
    return modes


def host_namespace(host: str) -> str | None:
    """The namespace of an in-cluster host (`name.ns.svc.cluster.local`, `*.ns.svc...`)."""
    if not host.endswith(CLUSTER_SUFFIX):
        return None
    labels = host.removesuffix(CLUSTER_SUFFIX).split(".")
    return labels[1] if len(labels) == 2 else None


def _scope(code: str, namespace: str | None) -> str:
    return "the mesh" if code == "KIA0205" else f"namespace {namespace}"


def mtls_conflicts(objects: Objects) -> Iterator[tuple[str, Located, str]]:
    peers = PeerModes.of(objects)
    for located in objects.of("DestinationRule"):
        host = full_host(str(spec_of(located).get("host") or ""), namespace_of(located))
        modes = tls_modes(located)
        if host in MESH_HOSTS:
            namespace, (mode, code) = None, (peers.mesh, "KIA0205")
        elif (namespace := host_namespace(host)) is not None:
            mode, code = peers.effective(namespace)
        else:
            continue  # a host outside the cluster: its TLS is its own business
        plain = sorted(modes.intersection(NOT_ISTIO_MTLS))
        if mode == "STRICT" and plain:
            yield (
                code,
                located,
                f"DestinationRule {located.name} sends {'/'.join(plain)} TLS to {host}, but a "
                f"STRICT PeerAuthentication for {_scope(code, namespace)} accepts Istio mTLS only",
            )
        if host.startswith("*") and "ISTIO_MUTUAL" in modes and mode not in ENABLING:
            # A rule for a whole namespace needs that namespace's (or the mesh's) policy.
            code = "KIA0205" if namespace is None else "KIA0206"
            yield (
                code,
                located,
                f"DestinationRule {located.name} enables mTLS for {host}, but no "
                f"PeerAuthentication enables it for {_scope(code, namespace)}",
            )


@check("KIA0205", "error")
def mesh_mtls_is_consistent(objects: Objects) -> Iterator[tuple[Located, str]]:
    for code, located, message in mtls_conflicts(objects):
        if code == "KIA0205":
            yield located, message


@check("KIA0206", "error")
def namespace_mtls_is_consistent(objects: Objects) -> Iterator[tuple[Located, str]]:
    for code, located, message in mtls_conflicts(objects):
        if code == "KIA0206":
            yield located, message
