"""The event flow: publishers → events → subscribers."""

from __future__ import annotations

from .. import styles
from ..context import DiagramContext
from ..graph import Edge, Graph, Node, node_id
from ..nodes import new_graph, service_node
from ..registry import view


@view(
    "events",
    title="Event flow",
    description="Who publishes each event and who subscribes to it; events nobody "
    "publishes are dashed.",
    options=("domain",),
)
def event_flow(ctx: DiagramContext) -> Graph:
    graph = new_graph("events")
    domain = ctx.chosen_domain()
    kinds = {e.event: str(e.kind) for s in ctx.spec.services for e in s.publishes}
    names = list(dict.fromkeys([*ctx.publishers, *ctx.subscribers]))
    for event in names:
        publisher = ctx.publishers.get(event)
        subscribers = ctx.subscribers.get(event, [])
        involved = ([publisher] if publisher else []) + subscribers
        if domain and not any(ctx.domain_of(s) == domain for s in involved):
            continue
        graph.add_node(event_node(event, kinds.get(event), publisher, len(subscribers)))
        target = node_id("event", event)
        if publisher:
            source = service_node(ctx, graph, publisher, clustered=False).id
            graph.add_edge(
                Edge(source, target, "publishes", "", "publishes", dict(styles.PUBLISHES))
            )
        for subscriber in subscribers:
            node = service_node(ctx, graph, subscriber, clustered=False)
            graph.add_edge(
                Edge(target, node.id, "subscribes", "", "subscribes", dict(styles.SUBSCRIBES))
            )
    if not graph.nodes:
        graph.notes.append(
            "No events are published or subscribed to" + (f" in {domain}." if domain else ".")
        )
    return graph


def event_node(event: str, kind: str | None, publisher: str | None, subscribers: int) -> Node:
    if publisher is None:
        attrs, about = styles.UNPUBLISHED_EVENT, "no service publishes it"
    else:
        attrs = styles.INTEGRATION_EVENT if kind == "integration" else styles.EVENT
        about = f"{kind} event published by {publisher}"
    tooltip = f"{event}: {about}; {subscribers:,} subscriber{'' if subscribers == 1 else 's'}"
    return Node("event", event, event, tooltip, dict(attrs))
