"""build_diagram: one view of one spec, as DOT text with what it takes to render it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..spec.model import Architecture
from . import styles
from .context import DiagramContext
from .dot import to_dot
from .graph import Graph
from .layout import DOT, choose_engine, engine_attrs
from .options import DEFAULT_LIMITS, DiagramOptions, Limits, TitleBlock
from .registry import UnknownView, load_views

# link(kind, name) -> the URL of that object's page, or None.
Link = Callable[[str, str], "str | None"]


@dataclass
class Diagram:
    view: str
    options: DiagramOptions
    dot: str  # the DOT source
    engine: str  # "dot" or "sfdp"
    collapsed: bool
    notes: list[str]  # sentences for people: what was collapsed, which engine and why
    node_count: int
    edge_count: int
    graph: Graph = field(repr=False)
    spec: Architecture = field(repr=False)
    links: dict[str, str] = field(default_factory=dict, repr=False)  # node/cluster id -> URL
    title: TitleBlock | None = None
    limits: Limits = DEFAULT_LIMITS


def build_diagram(
    spec: Architecture,
    view: str,
    options: DiagramOptions = DiagramOptions(),  # noqa: B008 (frozen, so shared safely)
    *,
    link: Link | None = None,
    title: TitleBlock | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Diagram:
    """Draw `view` of `spec`; raises UnknownView or DiagramOptionError (both ValueError)."""
    views = load_views()
    if view not in views:
        raise UnknownView(view, list(views))
    graph = views[view].build(DiagramContext(spec, options, limits))
    overlay_findings(graph, options.findings)
    links = link if options.links else None
    return laid_out(graph, view, options, spec, link=links, title=title, limits=limits)


def laid_out(
    graph: Graph,
    view: str,
    options: DiagramOptions,
    spec: Architecture,
    *,
    link: Link | None,
    title: TitleBlock | None,
    limits: Limits,
) -> Diagram:
    """A built graph as a Diagram: its engine chosen, its DOT written, its links resolved."""
    engine, notes = choose_engine(graph, limits)
    graph.attrs.update(engine_attrs(graph, engine, limits))
    if title is not None:
        graph.title = title.text()
    return Diagram(
        view=view,
        options=options,
        dot=to_dot(graph, clusters=engine == DOT),
        engine=engine,
        collapsed=graph.collapsed,
        notes=[*graph.notes, *notes],
        node_count=len(graph.nodes),
        edge_count=len(graph.edges),
        graph=graph,
        spec=spec,
        links=resolve_links(graph, link) if link is not None else {},
        title=title,
        limits=limits,
    )


def overlay_findings(graph: Graph, findings: Mapping[str, str]) -> None:
    """Outline nodes red when a service they stand for has errors, amber for warnings."""
    if not findings:
        return
    for node in graph.nodes.values():
        severities = {findings.get(name) for name in node.services}
        worst = next((s for s in ("error", "warning") if s in severities), None)
        if worst:
            node.attrs.update(styles.FINDING[worst])
            node.marks.append(worst)


def resolve_links(graph: Graph, link: Link) -> dict[str, str]:
    """URL of each node and cluster that has a page, asked of `link` once per object."""
    asked: dict[tuple[str, str], str | None] = {}
    found = {}
    for item_id, target in [
        *((node.id, node.link) for node in graph.nodes.values()),
        *((cluster.id, cluster.link) for cluster in graph.clusters.values()),
    ]:
        if target is None:
            continue
        if target not in asked:
            asked[target] = link(*target)
        if asked[target]:
            found[item_id] = asked[target]
    return found
