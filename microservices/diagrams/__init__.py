"""Diagrams of an architecture: six views, drawn with Graphviz, written as code too.

    from microservices.diagrams import render, DiagramOptions
    svg = render(spec, "focus", "svg", DiagramOptions(service="order-service", hops=2))

Each view is a module of `views/` that registers a builder (registry.py); a builder
turns the spec into a `Graph` (graph.py) of plain-text labels, and writers turn that
into DOT (dot.py, everything quoted and escaped), Mermaid (mermaid.py) or
Structurizr DSL (structurizr.py). Graphviz (runner.py) draws SVG, PNG and PDF; SVG
is sanitised and annotated for the viewer (svg.py). Large maps collapse to domains
and switch engine by size (options.Limits, layout.py), and say so in `Diagram.notes`.
The engine knows no URLs: callers pass `link(kind, name)`.
"""

from .build import Diagram, Link, build_diagram
from .diff import build_diff_diagram
from .options import (
    DEFAULT_LIMITS,
    DiagramOptionError,
    DiagramOptions,
    Limits,
    TitleBlock,
)
from .registry import UnknownView, View, load_views
from .render import (
    FILE_EXTENSIONS,
    FORMAT_MEDIA_TYPES,
    FORMATS,
    UnknownFormat,
    render,
    render_diagram,
)
from .runner import RenderError

VIEWS: dict[str, View] = load_views()

__all__ = [
    "DEFAULT_LIMITS",
    "FILE_EXTENSIONS",
    "FORMATS",
    "FORMAT_MEDIA_TYPES",
    "VIEWS",
    "Diagram",
    "DiagramOptionError",
    "DiagramOptions",
    "Limits",
    "Link",
    "RenderError",
    "TitleBlock",
    "UnknownFormat",
    "UnknownView",
    "View",
    "build_diagram",
    "build_diff_diagram",
    "render",
    "render_diagram",
]
