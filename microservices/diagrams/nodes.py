"""Nodes and edges several views draw the same way: services, domains, gateways, calls."""

from __future__ import annotations

from collections.abc import Iterable

from ..spec.model import Gateway
from . import styles
from .context import NO_DOMAIN, DiagramContext
from .graph import LEFT, Cluster, Edge, Graph, Node, node_id


def new_graph(view: str, **attrs: str) -> Graph:
    return Graph(view=view, attrs={**styles.GRAPH, **attrs})


def domain_cluster(graph: Graph, domain: str) -> str | None:
    """The id of `domain`'s cluster (added on first use); None outside any domain."""
    if domain == NO_DOMAIN:
        return None
    cluster = Cluster("domain", domain, domain, dict(styles.DOMAIN_CLUSTER), ("domain", domain))
    return graph.add_cluster(cluster).id


def service_node(ctx: DiagramContext, graph: Graph, name: str, *, clustered: bool = True) -> Node:
    """The node of service `name` (placeholders dashed and grey), in its domain's cluster."""
    service = ctx.services[name]
    if service.placeholder:
        attrs, tooltip = (
            dict(styles.PLACEHOLDER),
            f"{name}: placeholder, referenced but not defined",
        )
    else:
        attrs, tooltip = dict(styles.SERVICE), service_tooltip(ctx, name)
    cluster = domain_cluster(graph, service.domain) if clustered else None
    node = Node("service", name, name, tooltip, attrs, cluster, (name,), ("service", name))
    if service.placeholder:
        node.marks.append("placeholder")
    return graph.add_node(node)


def service_tooltip(ctx: DiagramContext, name: str) -> str:
    service = ctx.services[name]
    lines = [name]
    if service.domain:
        lines.append(f"domain: {service.domain}")
    if service.owner:
        lines.append(f"owner: {service.owner}")
    technologies = ", ".join(service.technologies.values())
    if technologies:
        lines.append(technologies)
    lines += service.responsibilities
    return "\n".join(lines)


def domain_node(ctx: DiagramContext, graph: Graph, domain: str) -> Node:
    members = ctx.members.get(domain, [])
    title = domain or "(no domain)"
    count = f"{len(members):,} service{'' if len(members) == 1 else 's'}"
    node = Node(
        "domain",
        domain,
        f"{title}\n{count}",
        f"{title}: {count}",
        dict(styles.DOMAIN),
        services=tuple(members),
        link=("domain", domain) if domain else None,
    )
    return graph.add_node(node)


def gateway_node(graph: Graph, gateway: Gateway) -> Node:
    node = Node(
        "gateway",
        gateway.name,
        "\n".join((gateway.name, *gateway_policies(gateway))),
        f"API gateway {gateway.name}: {len(gateway.routes):,} routes",
        dict(styles.GATEWAY),
        link=("gateway", gateway.name),
    )
    return graph.add_node(node)


def gateway_policies(gateway: Gateway) -> list[str]:
    """What a gateway does to requests, in words: authentication and rate limiting."""
    auth = gateway.authentication
    if auth is None or str(auth.type) == "none":
        lines = ["no authentication"]
    else:
        lines = [f"auth: {auth.type!s}" + (f" ({auth.issuer})" if auth.issuer else "")]
    limit = gateway.rate_limiting
    lines.append(f"rate limit: {limit.requests_per_minute:,}/min" if limit else "no rate limit")
    return lines


def call_edge(ctx: DiagramContext, source: str, target: str, mode: str, callee: str) -> Edge:
    """A dependency edge, marked when calls into `callee` are protected."""
    attrs = dict(styles.EDGE_BY_MODE[mode])
    attrs.update(styles.protection_mark(*ctx.protection(callee)))
    return Edge(source, target, mode, tooltip=f"{mode} call", attrs=attrs)


def add_calls(ctx: DiagramContext, graph: Graph, names: Iterable[str]) -> None:
    """Every call between the services `names` whose nodes are in the graph."""
    shown = set(names)
    for caller, callee, mode in ctx.calls:
        if caller in shown and callee in shown:
            graph.add_edge(
                call_edge(ctx, node_id("service", caller), node_id("service", callee), mode, callee)
            )


def add_legend(graph: Graph) -> None:
    legend = Node("legend", "legend", styles.LEGEND_TEXT, "", dict(styles.LEGEND), justify=LEFT)
    graph.add_node(legend)
