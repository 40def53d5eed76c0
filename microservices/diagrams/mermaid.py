"""Mermaid flowchart text from a diagram, for people who keep diagrams as code.

Node and subgraph ids are `n0, n1, ...` and `c0, ...`; user text appears only in
double-quoted labels, where Mermaid's entity codes stand for every character that
could end the string or be read as markup.
"""

from __future__ import annotations

import json
import re

from .graph import Graph, Node

# Mermaid reads `#name;` entity codes inside quoted labels.
_ENTITIES = str.maketrans(
    {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;", "|": "#124;"}
)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
SHAPES = {
    "service": ('("', '")'),
    "domain": ('[["', '"]]'),
    "gateway": ('{{"', '"}}'),
    "route": ('>"', '"]'),
    "event": ('(["', '"])'),
}
DASHED_MODES = {"async", "subscribes", "undo", "compensate", "authenticates"}
THICK_MODES = {"route", "step"}
CLASSES = {
    "placeholder": "stroke-dasharray: 5 5,stroke:#9e9e9e,color:#9e9e9e",
    "centre": "fill:#ffcdd2,stroke:#d32f2f,stroke-width:3px",
    "blast": "fill:#fde2e1,stroke:#d32f2f",
    "error": "stroke:#d32f2f,stroke-width:3px",
    "warning": "stroke:#f59e0b,stroke-width:3px",
}


def mermaid_text(text: str) -> str:
    """`text` as the inside of a Mermaid double-quoted label."""
    lines = _CONTROL_CHARACTERS.sub(" ", text).split("\n")
    return "<br/>".join(line.translate(_ENTITIES) for line in lines)


def to_mermaid(graph: Graph) -> str:
    ids = {node_id: f"n{index}" for index, node_id in enumerate(graph.nodes)}
    lines = []
    if graph.title:
        # A JSON string is a YAML double-quoted scalar; \u escapes keep markup out.
        title = json.dumps(graph.title).replace("<", "\\u003c").replace(">", "\\u003e")
        lines += ["---", f"title: {title}", "---"]
    lines.append(f"flowchart {'LR' if graph.attrs.get('rankdir') == 'LR' else 'TB'}")
    outside = [node for node in graph.nodes.values() if node.kind != "legend"]
    for index, (cluster_id, cluster) in enumerate(graph.clusters.items()):
        inside = [node for node in outside if node.cluster == cluster_id]
        if not inside:
            continue
        lines.append(f'  subgraph c{index}["{mermaid_text(cluster.label)}"]')
        lines += [f"    {_node(ids[node.id], node)}" for node in inside]
        lines.append("  end")
    lines += [
        f"  {_node(ids[node.id], node)}"
        for node in outside
        if node.cluster is None or node.cluster not in graph.clusters
    ]
    for edge in graph.edges:
        if edge.source not in ids or edge.target not in ids:
            continue
        arrow = (
            "-.->" if edge.mode in DASHED_MODES else "==>" if edge.mode in THICK_MODES else "-->"
        )
        words = edge.label or edge.attrs.get("headlabel", "")  # counts, routes or CB/R marks
        text = f'|"{mermaid_text(words)}"|' if words else ""
        lines.append(f"  {ids[edge.source]} {arrow}{text} {ids[edge.target]}")
    for mark, style in CLASSES.items():
        marked = [ids[node.id] for node in outside if mark in node.marks]
        if marked:
            lines.append(f"  classDef {mark} {style}")
            lines.append(f"  class {','.join(marked)} {mark}")
    return "\n".join(lines) + "\n"


def _node(handle: str, node: Node) -> str:
    opening, closing = SHAPES.get(node.kind, ('["', '"]'))
    return f"{handle}{opening}{mermaid_text(node.label)}{closing}"
