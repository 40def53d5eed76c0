"""Service ports: named so Istio knows their protocol, and served by a selected workload.

KIA0601: Istio picks a port's protocol from its name, `<protocol>[-suffix]`, unless
`appProtocol` says it. KIA0701: a Service port whose target no selected workload's
container exposes (by number or by name) receives traffic nobody answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..checks import Located, Objects, check
from .index import Workloads, namespace_of, spec_of

# The protocols Kiali accepts as a port name's prefix.
PORT_PROTOCOLS = (
    "grpc", "grpc-web", "http", "http2", "https", "mongo", "mysql", "redis", "tcp", "tls", "udp",
)  # fmt: skip


def names_protocol(port_name: str) -> bool:
    return any(
        port_name == protocol or port_name.startswith(protocol + "-") for protocol in PORT_PROTOCOLS
    )


@check("KIA0601", "error")
def port_names_follow_protocol(objects: Objects) -> Iterator[tuple[Located, str]]:
    for located in objects.of("Service"):
        for port in spec_of(located).get("ports") or ():
            # UDP is not proxied, and an explicit appProtocol wins over the name.
            if str(port.get("protocol", "TCP")).upper() == "UDP" or port.get("appProtocol"):
                continue
            name = str(port.get("name") or "")
            if not names_protocol(name):
                yield (
                    located,
                    f"Service {located.name} port {port.get('port')} is named {name!r}, not "
                    f"<protocol>[-suffix] with a protocol among {', '.join(PORT_PROTOCOLS)}",
                )


def _serves(container_ports: list[dict[str, Any]], target: Any) -> bool:
    if isinstance(target, str):
        return any(p.get("name") == target for p in container_ports)
    return any(p.get("containerPort") == target for p in container_ports)


@check("KIA0701", "warning")
def service_ports_are_served(objects: Objects) -> Iterator[tuple[Located, str]]:
    workloads = Workloads(objects)
    for located in objects.of("Service"):
        spec = spec_of(located)
        selector = spec.get("selector")
        if not selector:  # endpoints managed by hand: nothing to compare
            continue
        selected = list(workloads.selected(namespace_of(located), selector))
        if not selected:
            yield (
                located,
                f"Service {located.name} selects no workload of the bundle, so none of its "
                "ports is served",
            )
            continue
        container_ports = [
            port
            for index in selected
            for container in workloads.containers[index]
            for port in container.get("ports") or ()
        ]
        for port in spec.get("ports") or ():
            target = port.get("targetPort", port.get("port"))
            if not _serves(container_ports, target):
                yield (
                    located,
                    f"Service {located.name} port {port.get('port')} targets {target!r}, which "
                    "no container of the workloads it selects exposes",
                )
