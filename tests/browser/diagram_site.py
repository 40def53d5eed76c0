"""The fixture site for the diagram viewer's browser tests.

Graphviz draws small architectures with the engine's node markup (id, class, data-kind,
data-name, a link and a tooltip), and `publish` puts them beside a copy of the fixture page
diagram_viewer_page.html and the built viewer, ready to be served over HTTP.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from tests.services import REPO_ROOT

HERE = Path(__file__).resolve().parent
BUNDLE = REPO_ROOT / "static" / "diagrams"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


# --- diagrams drawn by Graphviz -----------------------------------------------------------


@dataclass(frozen=True)
class Node:
    kind: str
    name: str
    tooltip: str = ""
    link: str = ""

    @property
    def element_id(self) -> str:
        return f"node-{self.kind}-{self.name}"


def service(name: str, tooltip: str = "") -> Node:
    return Node("service", name, tooltip, f"/services/{name}/")


DEPENDENCY_CLUSTERS = {
    "edge": [
        Node("gateway", "public-api", "Routes /orders, /cart and /catalog", "/gateways/public-api/")
    ],
    "orders": [
        service("order-service", "Takes and tracks customer orders."),
        service("cart-service"),
    ],
    "payments": [
        service("payment-service", "Charges cards and issues refunds."),
        service("fraud-check"),
    ],
    "catalog": [service("catalog-service"), service("search-service", "Full-text product search.")],
}
DEPENDENCY_EDGES = [
    ("public-api", "order-service", "solid"),
    ("public-api", "cart-service", "solid"),
    ("public-api", "catalog-service", "solid"),
    ("order-service", "payment-service", "solid"),
    ("payment-service", "fraud-check", "solid"),
    ("order-service", "catalog-service", "dashed"),
    ("catalog-service", "search-service", "dashed"),
    ("cart-service", "catalog-service", "solid"),
]
EVENT_CLUSTERS = {
    "": [
        service("order-service"),
        Node("event", "order-placed", "Published when a customer confirms an order."),
        service("payment-service"),
        Node("event", "payment-captured"),
        service("shipping-service"),
    ]
}
EVENT_EDGES = [
    ("order-service", "order-placed", "solid"),
    ("order-placed", "payment-service", "dashed"),
    ("payment-service", "payment-captured", "solid"),
    ("payment-captured", "shipping-service", "dashed"),
]
# Known to the services list but not drawn by the dependency map.
UNDRAWN_SERVICE = "ledger-service"

GRAPH_STYLE = """
  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.8, pad=0.2];
  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#94a3b8",
        fontname="Helvetica", fontsize=11, margin="0.18,0.08"];
  edge [color="#64748b", arrowsize=0.7];
"""
CLUSTER_STYLE = 'style=rounded; color="#cbd5e1";'


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def node_statement(node: Node) -> str:
    attributes = {"id": node.element_id, "class": node.kind, "label": node.name}
    if node.tooltip:
        attributes["tooltip"] = node.tooltip
    if node.link:
        attributes["URL"] = node.link
    if node.kind == "event":
        attributes.update(shape="cds", fillcolor="#fef3c7", color="#d97706")
    if node.kind == "gateway":
        attributes.update(shape="hexagon", fillcolor="#eef0ff", color="#4f46e5")
    listed = ", ".join(f"{key}={quoted(value)}" for key, value in attributes.items())
    return f"{quoted(node.name)} [{listed}];"


def dot_source(clusters: dict[str, list[Node]], edges: list[tuple[str, str, str]]) -> str:
    lines = ["digraph G {", GRAPH_STYLE]
    for index, (domain, nodes) in enumerate(clusters.items()):
        statements = [node_statement(node) for node in nodes]
        if domain:
            lines.append(f"subgraph cluster_{index} {{ label={quoted(domain)}; {CLUSTER_STYLE}")
            lines += statements
            lines.append("}")
        else:
            lines += statements
    lines += [f"{quoted(a)} -> {quoted(b)} [style={style}];" for a, b, style in edges]
    lines.append("}")
    return "\n".join(lines)


def draw(clusters: dict[str, list[Node]], edges: list[tuple[str, str, str]]) -> ET.Element:
    """Runs `dot -Tsvg` and adds the data-kind/data-name attributes the engine adds."""
    svg = subprocess.run(
        ["dot", "-Tsvg"],
        input=dot_source(clusters, edges),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(svg)
    nodes = {node.element_id: node for members in clusters.values() for node in members}
    for group in root.iter(f"{{{SVG_NS}}}g"):
        node = nodes.get(group.get("id", ""))
        if node:
            group.set("data-kind", node.kind)
            group.set("data-name", node.name)
    return root


def svg_text(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def with_hostile_content(root: ET.Element) -> ET.Element:
    """What a tampered SVG could carry: a script, a handler, a javascript: link, foreign HTML."""
    script = ET.SubElement(root, f"{{{SVG_NS}}}script")
    script.text = "document.title = 'script ran'"
    ET.SubElement(root, f"{{{SVG_NS}}}foreignObject").text = "foreign"
    node = next(g for g in root.iter(f"{{{SVG_NS}}}g") if g.get("data-name") == "payment-service")
    node.set("onclick", "document.title = 'handler ran'")
    anchor = next(node.iter(f"{{{SVG_NS}}}a"))
    anchor.set(f"{{{XLINK_NS}}}href", "javascript:document.title='link ran'")
    return root


def large_map(
    service_count: int, domain_count: int, seed: int = 7
) -> tuple[dict[str, list[Node]], list]:
    """A layered synthetic map: `service_count` services in domain clusters, each calling two
    services of the next few domains, as callers upstream call providers downstream."""
    rng = random.Random(seed)
    per_domain = service_count // domain_count
    domains = [[f"svc-{d:02d}-{i:02d}" for i in range(per_domain)] for d in range(domain_count)]
    clusters = {
        f"domain-{d:02d}": [service(name) for name in names] for d, names in enumerate(domains)
    }
    edges = [
        (
            caller,
            rng.choice(domains[min(d + rng.randint(1, 3), domain_count - 1)]),
            rng.choice(["solid", "dashed"]),
        )
        for d, names in enumerate(domains[:-1])
        for caller in names
        for _ in range(2)
    ]
    return clusters, edges


# --- the fixture site -----------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the fixture folder without printing a line per request into the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def publish(folder: Path, dependencies: str, events: str, edit: Callable[[str], str] = str) -> None:
    """One copy of the fixture page, changed by `edit`, with the built viewer, the app's
    stylesheet and the SVGs beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    page = edit((HERE / "diagram_viewer_page.html").read_text(encoding="utf-8"))
    (folder / "index.html").write_text(page, encoding="utf-8")
    for name in ("viewer.js", "viewer.css"):
        shutil.copy(BUNDLE / name, folder / name)
    shutil.copy(REPO_ROOT / "static" / "css" / "app.css", folder / "app.css")
    (folder / "dependencies.svg").write_text(dependencies, encoding="utf-8")
    (folder / "events.svg").write_text(events, encoding="utf-8")
    services = [{"name": UNDRAWN_SERVICE, "url": f"/services/{UNDRAWN_SERVICE}/"}]
    services += [
        {"name": node.name, "url": node.link}
        for nodes in DEPENDENCY_CLUSTERS.values()
        for node in nodes
        if node.kind == "service"
    ]
    (folder / "services.json").write_text(json.dumps(services), encoding="utf-8")
