"""The drawing every view builds: nodes, edges and clusters, before any syntax.

Views fill a `Graph`; writers turn it into DOT (dot.py), Mermaid (mermaid.py) and
SVG annotations (svg.py). Labels here are plain text: escaping is the writers' job,
so no view ever has to remember it. Style attributes (`attrs`) come from styles.py
and never carry user text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How the lines of a label are justified (DOT's \n, \l and \r line ends).
CENTRE, LEFT = "n", "l"


def node_id(kind: str, name: str) -> str:
    """The id of a node, in the graph and in the SVG (`node-service-order-service`)."""
    return f"node-{kind}-{name}"


@dataclass
class Node:
    kind: str  # service, domain, gateway, route, event, step, compensation, legend
    name: str
    label: str  # plain text; "\n" separates lines
    tooltip: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    cluster: str | None = None  # the id of the cluster it is drawn in
    services: tuple[str, ...] = ()  # the services it stands for (findings overlay)
    link: tuple[str, str] | None = None  # (kind, name) of the page it opens
    justify: str = CENTRE
    marks: list[str] = field(default_factory=list)  # placeholder, centre, blast, error, ...

    @property
    def id(self) -> str:
        return node_id(self.kind, self.name)


@dataclass
class Edge:
    source: str  # node ids
    target: str
    mode: str  # sync, async, route, publishes, subscribes, step, undo, compensate, ...
    label: str = ""
    tooltip: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Cluster:
    kind: str  # domain, saga, legend
    name: str
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    link: tuple[str, str] | None = None
    tooltip: str = ""

    @property
    def id(self) -> str:
        return f"cluster-{self.kind}-{self.name}"


@dataclass
class Graph:
    view: str
    attrs: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    same_rank: list[tuple[str, ...]] = field(default_factory=list)  # node ids side by side
    notes: list[str] = field(default_factory=list)
    collapsed: bool = False
    title: str = ""  # the title block's text, printed at the foot

    def add_node(self, node: Node) -> Node:
        """Add `node` unless one with its id exists; return the one in the graph."""
        return self.nodes.setdefault(node.id, node)

    def add_cluster(self, cluster: Cluster) -> Cluster:
        return self.clusters.setdefault(cluster.id, cluster)

    def add_edge(self, edge: Edge) -> Edge:
        self.edges.append(edge)
        return edge
