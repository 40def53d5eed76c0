"""The context map: bounded contexts as nodes, cross-domain calls counted on the edges."""

from __future__ import annotations

from collections import Counter

from .. import styles
from ..context import DiagramContext
from ..graph import Edge, Graph, node_id
from ..nodes import domain_node, new_graph
from ..registry import view


@view(
    "context",
    title="Context map",
    description="Domains as nodes; one edge per direction and mode, as thick as the number "
    "of calls from one domain into the other (sync solid, async dashed).",
)
def context_map(ctx: DiagramContext) -> Graph:
    graph = new_graph("context")
    for domain in ctx.members:
        domain_node(ctx, graph, domain)
    counts: Counter[tuple[str, str, str]] = Counter()
    for caller, callee, mode in ctx.calls:
        source, target = ctx.domain_of(caller), ctx.domain_of(callee)
        if source != target:
            counts[(source, target, mode)] += 1
    for (source, target, mode), count in sorted(counts.items()):
        calls = f"{count:,} {mode}"
        tooltip = f"{source or '(no domain)'} → {target or '(no domain)'}: {calls} call" + (
            "" if count == 1 else "s"
        )
        attrs = {**styles.EDGE_BY_MODE[mode], **styles.weight(count)}
        graph.add_edge(
            Edge(node_id("domain", source), node_id("domain", target), mode, calls, tooltip, attrs)
        )
    return graph
