"""DOT text from a `Graph`: every string quoted and escaped, ids that carry no user text.

Nodes are written as `n0, n1, ...` and clusters as `cluster_0, ...` (with SVG ids
`c0, ...`) in the graph's order; svg.py maps those handles back to the nodes, so a
name never has to survive Graphviz's own id handling. User text reaches DOT only
inside double-quoted labels, where quotes and backslashes are escaped and `&` is
written as `&amp;` (Graphviz decodes HTML entities in plain labels).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .graph import CENTRE, Graph, Node
from .styles import EDGE_DEFAULTS, NODE_DEFAULTS

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """`text` as the inside of a DOT double-quoted string that Graphviz shows verbatim."""
    text = _CONTROL_CHARACTERS.sub("", text.replace("\t", " "))
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def quote(text: str) -> str:
    return f'"{escape(text)}"'


def label(text: str, justify: str = CENTRE) -> str:
    """A quoted label whose lines ("\n" in `text`) break and justify as asked."""
    end = "\\" + justify
    body = end.join(escape(line) for line in text.split("\n"))
    return f'"{body}{end if justify != CENTRE else ""}"'


def node_handle(index: int) -> str:
    return f"n{index}"


def cluster_handle(index: int) -> str:
    return f"c{index}"


def edge_handle(index: int) -> str:
    return f"e{index}"


def _attributes(attrs: Mapping[str, str], **labels: str) -> str:
    parts = [f"{key}={quote(value)}" for key, value in attrs.items()]
    parts += [f"{key}={value}" for key, value in labels.items()]
    return f" [{', '.join(parts)}]" if parts else ""


def _node_line(node: Node, handle: str, indent: str) -> str:
    attrs = {"id": handle, **node.attrs}
    return f"{indent}{handle}{_attributes(attrs, label=label(node.label, node.justify))};"


def to_dot(graph: Graph, *, clusters: bool = True) -> str:
    """The graph as DOT; with `clusters=False` its nodes are drawn without cluster boxes
    (sfdp ignores clusters anyway, and they only slow it down)."""
    handles = {node_id: node_handle(i) for i, node_id in enumerate(graph.nodes)}
    lines = [f"digraph {quote(graph.view)} {{"]
    graph_attrs = dict(graph.attrs)
    if graph.title:
        graph_attrs.update(labelloc="b", labeljust="r", fontsize="10")
    title = {"label": quote(graph.title)} if graph.title else {}
    lines.append(f"  graph{_attributes(graph_attrs, **title)};")
    lines.append(f"  node{_attributes(NODE_DEFAULTS)};")
    lines.append(f"  edge{_attributes(EDGE_DEFAULTS)};")

    members: dict[str | None, list[Node]] = {None: []}
    for cluster_id in graph.clusters:
        members[cluster_id] = []
    for node in graph.nodes.values():
        members[node.cluster if clusters else None].append(node)
    ranks = _rank_groups(graph, handles, clusters)

    for index, (cluster_id, cluster) in enumerate(graph.clusters.items()):
        if not clusters or not members[cluster_id]:
            continue
        lines.append(f"  subgraph cluster_{index} {{")
        # Explicit, so a title block's placement (foot, right) is not inherited.
        attrs = {"id": cluster_handle(index), "labelloc": "t", "labeljust": "l", **cluster.attrs}
        lines.append(f"    graph{_attributes(attrs, label=quote(cluster.label))};")
        lines += [_node_line(node, handles[node.id], "    ") for node in members[cluster_id]]
        lines += ranks.get(cluster_id, [])
        lines.append("  }")
    lines += [_node_line(node, handles[node.id], "  ") for node in members[None]]
    lines += ranks.get(None, [])
    for index, edge in enumerate(graph.edges):
        # xlabel, not label: dot gives every labelled graph an extra rank per edge,
        # which made a 300-service map six times slower to lay out.
        extra = {"xlabel": label(edge.label)} if edge.label else {}
        lines.append(
            f"  {handles[edge.source]} -> {handles[edge.target]}"
            f"{_attributes({'id': edge_handle(index), **edge.attrs}, **extra)};"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _rank_groups(
    graph: Graph, handles: Mapping[str, str], clusters: bool
) -> dict[str | None, list[str]]:
    """`{rank=same; ...}` lines, placed in the cluster of their first node."""
    found: dict[str | None, list[str]] = {}
    for group in graph.same_rank:
        where = graph.nodes[group[0]].cluster if clusters else None
        found.setdefault(where, []).append(_same_rank_line(handles[n] for n in group))
    return found


def _same_rank_line(handles: Iterable[str]) -> str:
    return f"    {{rank=same; {'; '.join(handles)};}}"
