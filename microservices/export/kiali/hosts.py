"""Routing that names hosts and gateways: one rule per host, and nothing dangling.

KIA1106/KIA0201: two VirtualServices (per gateway) or two DestinationRules (per
subset) for one host shadow each other, so which one wins is undefined.
KIA0202/KIA1101/KIA1102: a host or gateway that the bundle does not declare.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..checks import Located, Objects, check
from .index import HostRegistry, full_host, namespace_of, spec_of

MESH_GATEWAY = "mesh"


def gateway_reference(reference: str, namespace: str) -> str:
    """`<namespace>/<name>` of a VirtualService's gateway entry (`mesh` stays `mesh`)."""
    if reference == MESH_GATEWAY or "/" in reference:
        return reference
    return f"{namespace}/{reference}"


def virtual_service_gateways(located: Located) -> list[str]:
    namespace = namespace_of(located)
    spec = spec_of(located)
    names = [str(g) for g in spec.get("gateways") or ()]
    for route in spec.get("http") or ():
        for match in route.get("match") or ():
            names += [str(g) for g in match.get("gateways") or ()]
    return list(dict.fromkeys(gateway_reference(name, namespace) for name in names))


def destination_hosts(located: Located) -> list[str]:
    """Every destination host of a VirtualService's HTTP, TCP and TLS routes."""
    hosts = []
    spec = spec_of(located)
    for protocol in ("http", "tcp", "tls"):
        for route in spec.get(protocol) or ():
            for destination in route.get("route") or ():
                host = (destination.get("destination") or {}).get("host")
                if host:
                    hosts.append(str(host))
    return list(dict.fromkeys(hosts))


@check("KIA1106", "warning")
def one_virtual_service_per_host(objects: Objects) -> Iterator[tuple[Located, str]]:
    claimed: dict[tuple[str, str], list[Located]] = defaultdict(list)
    for located in objects.of("VirtualService"):
        namespace = namespace_of(located)
        spec = spec_of(located)
        # Without gateways a VirtualService applies to the sidecars: the `mesh` gateway.
        bound_to = [gateway_reference(str(g), namespace) for g in spec.get("gateways") or ()]
        for host in spec.get("hosts") or ():
            resolved = full_host(str(host), namespace)
            for gateway in bound_to or [MESH_GATEWAY]:
                claimed[(resolved, gateway)].append(located)
    for (host, gateway), services in claimed.items():
        for located in services[1:]:
            yield (
                located,
                f"VirtualService {located.name} routes host {host} (via {gateway}), which "
                f"VirtualService {services[0].name} already routes: merge them into one",
            )


def _subset_names(located: Located) -> set[str]:
    return {str(s.get("name")) for s in spec_of(located).get("subsets") or ()}


@check("KIA0201", "warning")
def one_destination_rule_per_host(objects: Objects) -> Iterator[tuple[Located, str]]:
    by_host: dict[str, list[Located]] = defaultdict(list)
    for located in objects.of("DestinationRule"):
        host = spec_of(located).get("host")
        if host:
            by_host[full_host(str(host), namespace_of(located))].append(located)
    for host, rules in by_host.items():
        for position, located in enumerate(rules):
            mine = _subset_names(located)
            for earlier in rules[:position]:
                theirs = _subset_names(earlier)
                if not mine or not theirs or mine & theirs:
                    yield (
                        located,
                        f"DestinationRule {located.name} applies to host {host}, as "
                        f"DestinationRule {earlier.name} already does: merge them into one",
                    )
                    break


@check("KIA0202", "error")
def destination_rule_hosts_exist(objects: Objects) -> Iterator[tuple[Located, str]]:
    registry = HostRegistry(objects)
    for located in objects.of("DestinationRule"):
        host = spec_of(located).get("host")
        if host and not registry.declares(full_host(str(host), namespace_of(located))):
            yield (
                located,
                f"DestinationRule {located.name} applies to host {host}, which no Service or "
                "ServiceEntry of the bundle declares",
            )


@check("KIA1101", "error")
def route_destinations_exist(objects: Objects) -> Iterator[tuple[Located, str]]:
    registry = HostRegistry(objects)
    for located in objects.of("VirtualService"):
        for host in destination_hosts(located):
            if not registry.declares(full_host(host, namespace_of(located))):
                yield (
                    located,
                    f"VirtualService {located.name} routes to host {host}, which no Service or "
                    "ServiceEntry of the bundle declares",
                )


@check("KIA1102", "error")
def gateways_exist(objects: Objects) -> Iterator[tuple[Located, str]]:
    known = {f"{namespace_of(g)}/{g.name}" for g in objects.of("Gateway")}
    for located in objects.of("VirtualService"):
        for gateway in virtual_service_gateways(located):
            if gateway != MESH_GATEWAY and gateway not in known:
                yield (
                    located,
                    f"VirtualService {located.name} is bound to gateway {gateway}, which is not "
                    "a Gateway of the bundle",
                )
