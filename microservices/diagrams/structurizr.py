"""Structurizr DSL: the architecture as a C4 workspace, with a view for the diagram.

One software system for the architecture, a container per service (grouped by
domain; placeholders tagged) and per API gateway, relationships for calls, routes
and events. The views section holds one container view: everything, or the
services the diagram shows. Identifiers are generated (`s0`, `g0`); user text is
only ever inside double-quoted strings, on one line, with quotes and backslashes
escaped.
"""

from __future__ import annotations

import re

from ..spec.model import Architecture
from .context import DiagramContext
from .graph import Graph
from .options import DiagramOptions

_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
SHOWN_KINDS = {"service": "service", "step": "service", "compensation": "service"}


def dsl_string(text: str) -> str:
    """`text` as a quoted DSL string that stays on its line."""
    text = _LINE_BREAKS.sub(" ", text).strip()
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_structurizr(spec: Architecture, graph: Graph, view_title: str) -> str:
    ctx = DiagramContext(spec, DiagramOptions())
    services = {name: f"s{index}" for index, name in enumerate(ctx.services)}
    gateways = {g.name: f"g{index}" for index, g in enumerate(spec.gateways)}
    q = dsl_string
    lines = [
        f"workspace {q(spec.name)} {q(spec.description or str(spec.pattern) + ' architecture')} {{",
        "  model {",
        f"    system = softwareSystem {q(spec.name)} {{",
    ]
    for domain, members in ctx.members.items():
        indent = "      " if not domain else "        "
        if domain:
            lines.append(f"      group {q(domain)} {{")
        for name in members:
            service = ctx.services[name]
            tag = "Placeholder" if service.placeholder else "Service"
            description = "; ".join(service.responsibilities)
            technology = ", ".join(service.technologies.values())
            lines.append(
                f"{indent}{services[name]} = container {q(name)} {q(description)} "
                f'{q(technology)} "{tag}"'
            )
        if domain:
            lines.append("      }")
    for gateway in spec.gateways:
        lines.append(
            f'      {gateways[gateway.name]} = container {q(gateway.name)} "API gateway" "" "Gateway"'
        )
    lines.append("    }")
    for caller, callee, mode in ctx.calls:
        lines.append(
            f'    {services[caller]} -> {services[callee]} "calls" {q(mode)} "{mode.title()}"'
        )
    for gateway in spec.gateways:
        for route in gateway.routes:
            lines.append(
                f'    {gateways[gateway.name]} -> {services[route.service]} {q("routes " + route.path)} "HTTP" "Route"'
            )
    for event, publisher in ctx.publishers.items():
        for subscriber in ctx.subscribers.get(event, []):
            lines.append(
                f'    {services[publisher]} -> {services[subscriber]} {q(event)} "event" "Event"'
            )
    lines.append("  }")
    lines += [
        "  views {",
        f"    container system {q(graph.view)} {q(view_title)} {{",
        *(f"      include {item}" for item in _included(graph, services, gateways)),
        "      autoLayout lr",
        "    }",
        "    styles {",
        '      element "Placeholder" {',
        "        border dashed",
        "        color #9e9e9e",
        "      }",
        '      element "Gateway" {',
        "        shape Hexagon",
        "      }",
        '      relationship "Async" {',
        "        style dashed",
        "      }",
        '      relationship "Event" {',
        "        style dashed",
        "      }",
        "    }",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _included(graph: Graph, services: dict[str, str], gateways: dict[str, str]) -> list[str]:
    """`*` when the diagram stands for the whole architecture, else its elements."""
    if any(node.kind == "domain" for node in graph.nodes.values()) and graph.view != "focus":
        return ["*"]
    shown: dict[str, None] = {}
    for node in graph.nodes.values():
        if SHOWN_KINDS.get(node.kind) == "service":
            shown.update(
                dict.fromkeys(services[name] for name in node.services if name in services)
            )
        elif node.kind == "gateway" and node.name in gateways:
            shown[gateways[node.name]] = None
    if not shown or len(shown) == len(services) + len(gateways):
        return ["*"]
    return list(shown)
