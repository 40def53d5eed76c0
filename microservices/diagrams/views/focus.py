"""Focus on one service: its neighbourhood N hops out, and its blast radius.

The blast radius is everything that fails with the service through sync paths:
its transitive sync callers. They are drawn (even beyond the hops) and
highlighted, so a reviewer sees at once what an outage takes down.
"""

from __future__ import annotations

import networkx as nx

from .. import styles
from ..context import DiagramContext
from ..graph import Graph, node_id
from ..nodes import add_calls, new_graph, service_node
from ..registry import view


@view(
    "focus",
    title="Focus on a service",
    description="One service, its neighbours `hops` calls away (either direction, either "
    "mode), and its blast radius: every service that fails with it through sync calls, "
    "highlighted.",
    options=("service", "hops"),
)
def focus(ctx: DiagramContext) -> Graph:
    centre = ctx.chosen_service()
    graph = new_graph("focus")
    nearby = neighbourhood(ctx, centre, ctx.options.hops)
    blast = sorted(nx.ancestors(ctx.sync_graph, centre))
    shown = list(dict.fromkeys([*nearby, *blast]))
    for name in shown:
        service_node(ctx, graph, name)
    middle = graph.nodes[node_id("service", centre)]
    middle.attrs.update(styles.CENTRE)
    middle.marks.append("centre")
    for name in blast:
        node = graph.nodes[node_id("service", name)]
        node.attrs.update(styles.BLAST)
        node.marks.append("blast")
        node.tooltip += f"\nfails with {centre} (sync path)"
    add_calls(ctx, graph, shown)
    in_blast = {*blast, centre}
    for edge in graph.edges:
        ends = (graph.nodes[edge.source].name, graph.nodes[edge.target].name)
        if edge.mode == "sync" and all(name in in_blast for name in ends):
            edge.attrs.update(styles.BLAST_EDGE)
    graph.notes.append(blast_note(centre, blast, nearby))
    return graph


def neighbourhood(ctx: DiagramContext, centre: str, hops: int) -> list[str]:
    """`centre` and the services at most `hops` calls away, nearest first."""
    found = {centre: 0}
    frontier = [centre]
    for distance in range(1, hops + 1):
        reached = []
        for name in frontier:
            for other in ctx.neighbours.get(name, ()):
                if other not in found:
                    found[other] = distance
                    reached.append(other)
        frontier = reached
    return list(found)


def blast_note(centre: str, blast: list[str], nearby: list[str]) -> str:
    if not blast:
        return f"No service calls {centre} synchronously: nothing else fails with it."
    beyond = len(set(blast) - set(nearby))
    extra = f" ({beyond:,} of them beyond the hops shown, drawn too)" if beyond else ""
    count = f"{len(blast):,} service{'' if len(blast) == 1 else 's'}"
    return f"Blast radius of {centre}: {count} fail with it through sync calls{extra}."
