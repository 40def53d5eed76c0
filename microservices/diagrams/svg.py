"""SVG from Graphviz made safe to inline in a page, and annotated for the viewer.

Safety: only an allowlist of SVG elements and attributes survives; comments,
processing instructions, the doctype, scripts, event handlers, <foreignObject>,
<a> and any other link are removed, whatever Graphviz passed through. Graphviz's
ordinary output is checked with a few C-speed scans and kept as it is; anything
unexpected sends the whole document through a strict rewrite.

Annotation: every node's <g> gets the id `node-<kind>-<name>`, data-kind and
data-name attributes, a class per mark (placeholder, blast, error, ...), its
tooltip as <title>, and a link when `build_diagram` resolved one. Clusters get the
same (`cluster-<kind>-<name>`); edges get a readable <title>.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urlsplit

from .graph import Graph, Node

ALLOWED_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "title",
        "desc",
        "path",
        "polygon",
        "polyline",
        "ellipse",
        "circle",
        "rect",
        "line",
        "text",
        "tspan",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
    ]
)
ALLOWED_ATTRIBUTES = frozenset(
    [
        "width",
        "height",
        "viewBox",
        "version",
        "xmlns",
        "xmlns:xlink",
        "id",
        "class",
        "transform",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "fill-opacity",
        "stroke-linecap",
        "stroke-linejoin",
        "points",
        "d",
        "cx",
        "cy",
        "rx",
        "ry",
        "r",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "text-anchor",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-decoration",
        "baseline-shift",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "preserveAspectRatio",
    ]
)
SAFE_SCHEMES = ("", "http", "https")

_PROLOG = re.compile(r"\A.*?(?=<svg[\s>])", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG_NAME = re.compile(r"</?([^\s/>]*)")
# Also unquoted and unseparated attributes, as an HTML parser would read inline SVG.
_ATTRIBUTE_NAME = re.compile(r"""[\s"'/]([^\s<>"'=/]+)\s*=""")
_BAD_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_TOKEN = re.compile(
    r"""<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>?"""
    r"""|<(/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
    r"""|<[A-Za-z/][^>]*>?|<|[^<]+""",  # then malformed tags, dropped whole
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
_GROUP = re.compile(
    r'<g id="([nc])(\d+)" class="(?:node|cluster)">\s*<title>[^<]*</title>(.*?)</g>', re.S
)
_EDGE_TITLE = re.compile(r'<g id="e(\d+)" class="edge">\s*<title>[^<]*</title>')


def postprocess_svg(svg: bytes, graph: Graph, links: dict[str, str]) -> bytes:
    text = sanitize(svg.decode("utf-8", "replace"))
    return annotate(text, graph, links).encode("utf-8")


def sanitize(svg: str) -> str:
    """`svg` with nothing that can run script or leave the page."""
    body = _COMMENT.sub("", _PROLOG.sub("", svg, count=1))
    if _is_plain_graphviz(body):
        return body
    return _rewrite(body)


def _is_plain_graphviz(body: str) -> bool:
    """True when every element and attribute is allowlisted and the text well escaped
    (conservative: an attribute-like run inside text also counts)."""
    if "<!" in body or "<?" in body or _BAD_ENTITY.search(body):
        return False
    return (
        set(_TAG_NAME.findall(body)) <= ALLOWED_ELEMENTS
        and set(_ATTRIBUTE_NAME.findall(body)) <= ALLOWED_ATTRIBUTES
    )


def _rewrite(body: str) -> str:
    """Rebuild the document from allowlisted elements and attributes only; drop every
    other element with all it contains, and re-escape all text."""
    out: list[str] = []
    dropped_depth = 0
    for match in _TOKEN.finditer(body):
        closing, name, attributes, self_closing = match.groups()
        if name is None:
            token = match.group(0)
            if not token.startswith("<") and not dropped_depth:
                out.append(escape(unescape(token), quote=False))
            continue
        if dropped_depth or name not in ALLOWED_ELEMENTS:
            if not self_closing:
                dropped_depth += -1 if closing else 1
            continue
        if closing:
            out.append(f"</{name}>")
            continue
        kept = "".join(
            f' {key}="{escape(unescape(value[1:-1]))}"'
            for key, value in _ATTRIBUTE.findall(attributes)
            if key in ALLOWED_ATTRIBUTES
        )
        out.append(f"<{name}{kept}{'/' if self_closing else ''}>")
    return "".join(out)


def safe_url(url: str) -> str | None:
    """`url` when it is a relative or http(s) link without spaces or controls."""
    url = url.strip()
    if not url or any(ord(ch) < 33 or ch in "\"'<>`\\" for ch in url):
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in SAFE_SCHEMES else None


def annotate(svg: str, graph: Graph, links: dict[str, str]) -> str:
    nodes = list(graph.nodes.values())
    clusters = list(graph.clusters.values())

    def group(match: re.Match[str]) -> str:
        prefix, index, body = match.group(1), int(match.group(2)), match.group(3)
        item = nodes[index] if prefix == "n" else clusters[index]
        role = "node" if prefix == "n" else "cluster"
        marks = "".join(f" {mark}" for mark in item.marks) if isinstance(item, Node) else ""
        tooltip = item.tooltip or item.label
        url = safe_url(links.get(item.id, ""))
        if url:
            href = escape(url)
            body = f'<a href="{href}" xlink:href="{href}">{body}</a>'
        return (
            f'<g id="{escape(item.id)}" class="{role}{marks}" data-kind="{escape(item.kind)}" '
            f'data-name="{escape(item.name)}">\n<title>{escape(tooltip)}</title>{body}</g>'
        )

    def edge_title(match: re.Match[str]) -> str:
        index = int(match.group(1))
        edge = graph.edges[index]
        source, target = graph.nodes[edge.source], graph.nodes[edge.target]
        words = f"{source.name} → {target.name}" + (f": {edge.tooltip}" if edge.tooltip else "")
        return f'<g id="e{index}" class="edge {escape(edge.mode)}">\n<title>{escape(words)}</title>'

    return _EDGE_TITLE.sub(edge_title, _GROUP.sub(group, svg))
