"""From a Diagram to bytes in any format, and `render`, the one-call version."""

from __future__ import annotations

from ..spec.model import Architecture
from .build import Diagram, Link, build_diagram
from .mermaid import to_mermaid
from .options import DEFAULT_LIMITS, DiagramOptions, Limits, TitleBlock
from .registry import load_views
from .runner import GRAPHVIZ_FORMATS, RenderError, run_graphviz
from .structurizr import to_structurizr
from .svg import postprocess_svg

FORMATS = ("svg", "png", "pdf", "dot", "mmd", "structurizr")
FORMAT_MEDIA_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "mmd": "text/vnd.mermaid; charset=utf-8",
    "structurizr": "text/plain; charset=utf-8",
}
FILE_EXTENSIONS = {"structurizr": "dsl"}


class UnknownFormat(ValueError):
    def __init__(self, fmt: str):
        self.format = fmt
        super().__init__(f"unknown diagram format {fmt!r}; the formats are {', '.join(FORMATS)}")


def render_diagram(diagram: Diagram, fmt: str, *, timeout: float | None = None) -> bytes:
    """The diagram as svg, png, pdf, dot, mmd or structurizr; raises RenderError when
    Graphviz fails or runs longer than `timeout` seconds (default: the limits')."""
    if fmt == "dot":
        return diagram.dot.encode("utf-8")
    if fmt == "mmd":
        return to_mermaid(diagram.graph).encode("utf-8")
    if fmt == "structurizr":
        title = load_views()[diagram.view].title
        return to_structurizr(diagram.spec, diagram.graph, title).encode("utf-8")
    if fmt not in GRAPHVIZ_FORMATS:
        raise UnknownFormat(fmt)
    seconds = diagram.limits.timeout_seconds if timeout is None else timeout
    drawn = run_graphviz(diagram.dot, diagram.engine, fmt, seconds)
    if fmt == "svg":
        return postprocess_svg(drawn, diagram.graph, diagram.links)
    return drawn


def render(
    spec: Architecture,
    view: str,
    fmt: str,
    options: DiagramOptions = DiagramOptions(),  # noqa: B008 (frozen, so shared safely)
    *,
    link: Link | None = None,
    title: TitleBlock | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """Build and render in one call (every format of FORMATS)."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    diagram = build_diagram(spec, view, options, link=link, title=title, limits=limits)
    return render_diagram(diagram, fmt)


__all__ = ["FORMATS", "FORMAT_MEDIA_TYPES", "RenderError", "render", "render_diagram"]
