"""How things look: one place for colours, shapes and line styles of every view.

Nothing here carries user text, so these values reach DOT as they are.
"""

from __future__ import annotations

FONT = "Helvetica"
INK = "#37474f"
MUTED = "#9e9e9e"
ERROR = "#d32f2f"
WARNING = "#f59e0b"
PROTECTED = "#2e7d32"
BLAST_FILL = "#fde2e1"
CENTRE_FILL = "#ffcdd2"

NODE_DEFAULTS = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "#e3f2fd",
    "color": "#1e88e5",
    "fontname": FONT,
    "fontsize": "10",
}
EDGE_DEFAULTS = {"color": INK, "fontname": FONT, "fontsize": "8", "arrowsize": "0.7"}

GRAPH = {"rankdir": "LR", "fontname": FONT, "nodesep": "0.25", "ranksep": "0.6"}
DOMAIN_CLUSTER = {"style": "rounded,filled", "fillcolor": "#fafafa", "color": "#b0bec5"}

SERVICE: dict[str, str] = {}
PLACEHOLDER = {"style": "rounded,dashed", "color": MUTED, "fontcolor": MUTED}
DOMAIN = {"shape": "box3d", "fillcolor": "#e8f5e9", "color": "#43a047"}
GATEWAY = {"shape": "cds", "fillcolor": "#fff3e0", "color": "#fb8c00"}
ROUTE = {"shape": "note", "fillcolor": "#ffffff", "color": "#fb8c00"}
EVENT = {"shape": "ellipse", "fillcolor": "#f3e5f5", "color": "#8e24aa"}
INTEGRATION_EVENT = {**EVENT, "shape": "hexagon"}
UNPUBLISHED_EVENT = {**EVENT, "style": "dashed", "color": MUTED, "fontcolor": MUTED}
STEP = {"fillcolor": "#e3f2fd"}
COMPENSATION = {"style": "rounded,dashed,filled", "fillcolor": "#fff8e1", "color": "#ef6c00"}
LEGEND = {"shape": "note", "fillcolor": "#ffffff", "color": MUTED, "fontsize": "9"}
CENTRE = {"fillcolor": CENTRE_FILL, "color": ERROR, "penwidth": "2.5"}
BLAST = {"fillcolor": BLAST_FILL, "color": ERROR}

FINDING = {
    "error": {"color": ERROR, "penwidth": "2.5"},
    "warning": {"color": WARNING, "penwidth": "2.5"},
}

SYNC = {"style": "solid"}
ASYNC = {"style": "dashed", "color": "#7b1fa2"}
ROUTED = {"style": "bold", "color": "#fb8c00"}
PUBLISHES = {"color": "#8e24aa"}
SUBSCRIBES = {"style": "dashed", "color": "#8e24aa"}
NEXT_STEP = {"style": "bold"}
UNDO = {"style": "dotted", "color": "#ef6c00", "arrowhead": "none"}
COMPENSATE = {"style": "dashed", "color": ERROR, "constraint": "false"}
AUTHENTICATES = {"style": "dotted", "color": "#fb8c00"}
BLAST_EDGE = {"color": ERROR, "penwidth": "1.6"}
EDGE_BY_MODE = {"sync": SYNC, "async": ASYNC}


def protection_mark(breaker: bool, retry: bool) -> dict[str, str]:
    """Marks an edge into a service protected by a circuit breaker and/or retry policy."""
    text = "+".join(part for part, on in (("CB", breaker), ("R", retry)) if on)
    if not text:
        return {}
    return {"headlabel": text, "fontcolor": PROTECTED, "arrowhead": "teenormal"}


def weight(count: int) -> dict[str, str]:
    """A line as thick as the number of calls it stands for (capped)."""
    return {"penwidth": f"{min(1 + count / 4, 6):.1f}"}


LEGEND_TEXT = "\n".join(
    (
        "Legend",
        "solid line: sync call",
        "dashed purple line: async call",
        "CB / R at the arrow: circuit breaker / retry policy",
        "grey dashed box: placeholder (referenced, not defined)",
        "orange: API gateway and its routes",
        "red / amber outline: errors / warnings",
    )
)

# The diff drawing (diff.py): what changed between two revisions, by colour.
ADDED = "#2e7d32"
DIFF_SERVICE = {
    "added": {"fillcolor": "#e8f5e9", "color": ADDED, "penwidth": "2"},
    "removed": {
        "style": "rounded,dashed,filled",
        "fillcolor": "#ffebee",
        "color": ERROR,
        "fontcolor": ERROR,
        "penwidth": "2",
    },
    "changed": {"fillcolor": "#fff8e1", "color": WARNING, "penwidth": "2"},
    "unchanged": {"fillcolor": "#f5f5f5", "color": "#bdbdbd", "fontcolor": "#757575"},
}
# Colour says what changed, so an async call is told apart by its dots.
DIFF_EDGE_BY_MODE = {"sync": {"style": "solid"}, "async": {"style": "dotted"}}
DIFF_EDGE = {
    "added": {"color": ADDED, "penwidth": "1.8"},
    "removed": {"color": ERROR, "style": "dashed", "penwidth": "1.8"},
    "unchanged": {"color": "#bdbdbd"},
}

DIFF_LEGEND_TEXT = "\n".join(
    (
        "Legend",
        "green: added service or dependency",
        "red dashed: removed service or dependency",
        "amber: changed service (hover for its fields)",
        "grey: unchanged",
        "solid line: sync call, dotted: async call",
    )
)
