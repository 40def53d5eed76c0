"""The dependency map: services clustered by domain, the gateways as entries, a legend.

Beyond `Limits.collapse_above` services the map starts collapsed: each domain is one
node and calls between domains are counted on one edge per direction and mode;
domains named in `expand` are still drawn service by service.
"""

from __future__ import annotations

from collections import Counter

from .. import styles
from ..context import NO_DOMAIN, DiagramContext
from ..graph import Edge, Graph, node_id
from ..nodes import (
    add_calls,
    add_legend,
    call_edge,
    domain_node,
    gateway_node,
    new_graph,
    service_node,
)
from ..registry import view

MAX_ROUTE_LINES = 3


@view(
    "dependencies",
    title="Dependency map",
    description="Services clustered by domain: sync calls solid, async dashed, the API "
    "gateways as entries with their routes, placeholders dashed and grey, calls into "
    "services with a circuit breaker (CB) or retry policy (R) marked.",
    options=("domain", "collapse", "expand"),
)
def dependency_map(ctx: DiagramContext) -> Graph:
    graph = new_graph("dependencies")
    names = services_in_scope(ctx)
    threshold = ctx.limits.collapse_above
    automatic = ctx.options.collapse is None
    unit: dict[str, str] = {}
    if ctx.options.collapse or (automatic and len(names) > threshold):
        unit = draw_collapsed(ctx, graph, names)
        if automatic:
            domains = sum(1 for node in graph.nodes.values() if node.kind == "domain")
            graph.notes.insert(
                0,
                f"Collapsed to {domains:,} domains: {len(names):,} services exceed "
                f"{threshold:,}; expand a domain to see its services.",
            )
    else:
        for name in names:
            service_node(ctx, graph, name)
        add_calls(ctx, graph, names)
    draw_gateways(ctx, graph, set(names), unit)
    add_legend(graph)
    return graph


def services_in_scope(ctx: DiagramContext) -> list[str]:
    """Every service; with a domain chosen, its services and their direct neighbours."""
    domain = ctx.chosen_domain()
    if not domain:
        return list(ctx.services)
    inside = ctx.members[domain]
    found = dict.fromkeys(inside)
    for name in inside:
        found.update(dict.fromkeys(ctx.neighbours.get(name, ())))
    return sorted(found)


def units(ctx: DiagramContext, names: list[str], expanded: set[str]) -> dict[str, str]:
    """service -> the node that stands for it: its own when its domain is expanded."""
    found = {}
    for name in names:
        domain = ctx.domain_of(name)
        kind, key = ("service", name) if domain in expanded else ("domain", domain)
        found[name] = node_id(kind, key)
    return found


def draw_collapsed(ctx: DiagramContext, graph: Graph, names: list[str]) -> dict[str, str]:
    """Domains as nodes (expanded ones service by service); returns each service's node."""
    graph.collapsed = True
    expanded = {d for d in ctx.options.expand if d in ctx.members and d != NO_DOMAIN}
    unknown = sorted(set(ctx.options.expand) - expanded)
    if unknown:
        graph.notes.append(f"Not expanded (no such domain): {', '.join(unknown)}.")
    unit = units(ctx, names, expanded)
    for name in names:
        domain = ctx.domain_of(name)
        if domain in expanded:
            service_node(ctx, graph, name)
        elif node_id("domain", domain) not in graph.nodes:
            domain_node(ctx, graph, domain)
    counts: dict[tuple[str, str], Counter[str]] = {}
    for caller, callee, mode in ctx.calls:
        if caller in unit and callee in unit:
            source, target = unit[caller], unit[callee]
            if source == target and source.startswith("node-domain-"):
                continue  # calls inside a collapsed domain
            if source.startswith("node-service-") and target.startswith("node-service-"):
                graph.add_edge(call_edge(ctx, source, target, mode, callee))
            else:
                counts.setdefault((source, target), Counter())[mode] += 1
    for (source, target), modes in heaviest(graph, counts, ctx.limits.collapsed_max_edges):
        graph.add_edge(domain_edge(source, target, modes))
    return unit


def heaviest(
    graph: Graph, counts: dict[tuple[str, str], Counter[str]], limit: int
) -> list[tuple[tuple[str, str], Counter[str]]]:
    """The `limit` links with the most calls (all of them when fewer), in a stable order."""
    if len(counts) <= limit:
        return list(counts.items())
    ranked = sorted(counts.items(), key=lambda item: (-item[1].total(), item[0]))
    kept = ranked[:limit]
    least = kept[-1][1].total()
    graph.notes.append(
        f"Showing the {limit:,} strongest of {len(counts):,} links between domains "
        f"({least:,} calls or more); the context map has them all."
    )
    return kept


def domain_edge(source: str, target: str, modes: Counter[str]) -> Edge:
    """One edge for all calls from one node to another: solid when any is sync."""
    mode = "sync" if modes["sync"] else "async"
    words = " · ".join(f"{modes[m]:,} {m}" for m in ("sync", "async") if modes[m])
    attrs = {**styles.EDGE_BY_MODE[mode], **styles.weight(modes.total())}
    return Edge(source, target, mode, words, f"{words} call(s)", attrs)


def draw_gateways(ctx: DiagramContext, graph: Graph, shown: set[str], unit: dict[str, str]) -> None:
    """Each gateway with an edge per target node, labelled with the routes it serves."""
    for gateway in ctx.spec.gateways:
        paths: dict[str, list[str]] = {}
        for route in gateway.routes:
            if route.service in shown:
                target = unit.get(route.service) or node_id("service", route.service)
                paths.setdefault(target, []).append(route.path)
        if not paths:
            continue
        source = gateway_node(graph, gateway).id
        for target, routes in paths.items():
            graph.add_edge(
                Edge(
                    source,
                    target,
                    "route",
                    route_label(routes),
                    "\n".join(routes),
                    dict(styles.ROUTED),
                )
            )


def route_label(paths: list[str]) -> str:
    shown = paths[:MAX_ROUTE_LINES]
    if len(paths) > MAX_ROUTE_LINES:
        shown.append(f"… {len(paths) - MAX_ROUTE_LINES:,} more")
    return "\n".join(shown)
