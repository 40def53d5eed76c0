"""Gateway routing: each API gateway, its routes, and the services they reach."""

from __future__ import annotations

from .. import styles
from ..context import DiagramContext
from ..graph import Edge, Graph, Node
from ..nodes import gateway_node, new_graph, service_node
from ..registry import view


@view(
    "gateway",
    title="Gateway routing",
    description="Each API gateway with its authentication and rate limiting, its routes, "
    "and the services they reach; only routes into one domain with the `domain` option.",
    options=("domain",),
)
def gateway_routing(ctx: DiagramContext) -> Graph:
    graph = new_graph("gateway")
    domain = ctx.chosen_domain()
    for gateway in ctx.spec.gateways:
        routes = [r for r in gateway.routes if not domain or ctx.domain_of(r.service) == domain]
        if not routes and domain:
            continue
        entry = gateway_node(graph, gateway)
        for route in routes:
            path = graph.add_node(
                Node(
                    "route",
                    f"{gateway.name}:{route.path}",
                    route.path,
                    f"{gateway.name} routes {route.path} to {route.service}",
                    dict(styles.ROUTE),
                    link=("gateway", gateway.name),
                )
            )
            target = service_node(ctx, graph, route.service, clustered=False)
            graph.add_edge(Edge(entry.id, path.id, "route", "", "route", dict(styles.ROUTED)))
            graph.add_edge(Edge(path.id, target.id, "route", "", "to", dict(styles.ROUTED)))
        issuer = gateway.authentication.issuer if gateway.authentication else ""
        if issuer in ctx.services:
            target = service_node(ctx, graph, issuer, clustered=False)
            graph.add_edge(
                Edge(
                    entry.id,
                    target.id,
                    "authenticates",
                    "issuer",
                    "tokens issued by",
                    dict(styles.AUTHENTICATES),
                )
            )
    if not graph.nodes:
        graph.notes.append("No API gateway routes" + (f" into {domain}." if domain else "."))
    return graph
