"""Which Graphviz engine lays a graph out, and the note that says why.

dot draws the layered, clustered pictures people expect, but its time grows with
edge crossings, and on a clustered graph of about 3,000 services Graphviz 2.43
fails after ~40 s ("trouble in init_rank"). Beyond `Limits.dot_max_nodes` nodes
or `Limits.dot_max_edges` edges we switch to sfdp (force-directed, no clusters),
which stays within seconds at those sizes. The figures behind the defaults are
printed by bench/bench_diagrams.py.
"""

from __future__ import annotations

from .graph import Graph
from .options import Limits

DOT, SFDP = "dot", "sfdp"
# sfdp's own settings: keep nodes from overlapping; a fixed start for the same layout
# every time.
SFDP_ATTRS = {"overlap": "prism", "outputorder": "edgesfirst", "start": "1"}
# dot on large graphs: fewer crossing-minimisation passes (see Limits).
QUICK_DOT_ATTRS = {"mclimit": "0.3"}


def engine_attrs(graph: Graph, engine: str, limits: Limits) -> dict[str, str]:
    """Graph attributes the chosen engine needs for this graph's size."""
    if engine == SFDP:
        return SFDP_ATTRS
    return QUICK_DOT_ATTRS if len(graph.edges) >= limits.quick_crossings_from_edges else {}


def choose_engine(graph: Graph, limits: Limits) -> tuple[str, list[str]]:
    """(engine, notes for people)."""
    nodes, edges = len(graph.nodes), len(graph.edges)
    size = f"{nodes:,} nodes and {edges:,} edges"
    if nodes > limits.dot_max_nodes or edges > limits.dot_max_edges:
        limit = f"{limits.dot_max_nodes:,} nodes or {limits.dot_max_edges:,} edges"
        reason = f"{size} exceed dot's limit of {limit}"
    elif (
        not graph.clusters
        and edges > limits.dense_from_edges
        and edges > limits.dot_max_density * nodes
    ):
        reason = f"{size} are too dense for dot (over {limits.dot_max_density:g} edges a node)"
    else:
        return DOT, []
    boxes = ", without domain boxes" if graph.clusters else ""
    return SFDP, [f"Laid out with sfdp{boxes}: {reason}."]
