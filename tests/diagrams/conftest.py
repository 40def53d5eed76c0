"""Fixtures of the diagram tests: plain pytest, no Django.

DOT is checked by Graphviz's own parser: `dot -Tjson0` gives back the clusters,
nodes and edges it understood, with their attributes, so a test sees exactly what
Graphviz would draw.
"""

from __future__ import annotations

import json
import runpy
import subprocess
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from microservices.diagrams import Diagram
from microservices.spec.model import Architecture, Subscription
from microservices.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]

HOSTILE_EVENT = 'a" -> b [label="x'
HOSTILE_DOMAIN = "<script>alert(1)</script>"
HOSTILE_SERVICE = 'inv"];evil [label="pwned'
HOSTILE_TEXT = '</text><script>alert(1)</script><a href="javascript:alert(1)">&amp; \\N \\'
HOSTILE_SAGA = 'saga"] x -> y ["'


def reference() -> Architecture:
    return runpy.run_path(str(ROOT / "examples" / "ecommerce.py"))["ms"].to_spec()


@pytest.fixture
def reference_spec() -> Architecture:
    return reference()


@pytest.fixture(scope="session")
def small_synthetic() -> Architecture:
    return synthesize(80)


def hostile() -> Architecture:
    """The reference example with hostile text everywhere text can go, set without
    validation: the diagrams must hold even if something upstream let it through."""
    spec = reference()
    services = {s.name: s for s in spec.services}
    order, inventory = services["order-service"], services["inventory-service"]
    order.domain = HOSTILE_DOMAIN
    order.responsibilities = [HOSTILE_TEXT]
    order.technologies = {"language": HOSTILE_TEXT}
    order.publishes[0].event = HOSTILE_EVENT
    inventory.subscribes = [Subscription.model_construct(event=HOSTILE_EVENT)]
    inventory.name = HOSTILE_SERVICE
    for dependency in order.dependencies:
        if dependency.service == "inventory-service":
            dependency.service = HOSTILE_SERVICE
    saga = spec.sagas[0]
    saga.name = HOSTILE_SAGA
    saga.description = HOSTILE_TEXT
    for step in saga.steps:
        if step.service == "inventory-service":
            step.service = HOSTILE_SERVICE
        step.action = HOSTILE_TEXT
    gateway = spec.gateways[0]
    gateway.routes[0].path = "/" + HOSTILE_TEXT
    gateway.authentication.issuer = HOSTILE_TEXT
    spec.name = HOSTILE_TEXT
    spec.description = HOSTILE_TEXT
    return spec


@pytest.fixture
def hostile_spec() -> Architecture:
    return hostile()


@dataclass
class Layout:
    """What Graphviz read from a DOT text: clusters, nodes and edges by our ids."""

    graph: dict[str, Any]
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # by `id` attribute
    clusters: dict[str, dict[str, Any]] = field(default_factory=dict)  # by label
    edges: list[dict[str, Any]] = field(default_factory=list)  # with "from"/"to" ids

    def members(self, cluster_label: str) -> set[str]:
        by_gvid = {node["_gvid"]: node for node in self.nodes.values()}
        return {by_gvid[gvid]["label"] for gvid in self.clusters[cluster_label].get("nodes", [])}

    def edges_between(self, source_label: str, target_label: str) -> list[dict[str, Any]]:
        return [e for e in self.edges if (e["from"], e["to"]) == (source_label, target_label)]


def shown(label: str) -> str:
    """The text Graphviz draws for a plain label read back from -Tjson0."""
    return unescape(label.replace("\\n", "\n").replace("\\l", "\n").replace("\\\\", "\\"))


def layout(diagram: Diagram) -> Layout:
    """Graphviz's reading of the diagram's DOT; nodes keyed by their SVG ids."""
    done = subprocess.run(
        ["dot", "-Tjson0"], input=diagram.dot.encode(), capture_output=True, check=True, timeout=60
    )
    data = json.loads(done.stdout)
    parsed = Layout(graph=data)
    node_ids = list(diagram.graph.nodes)
    for item in data.get("objects", []):
        if "nodes" in item or item["name"].startswith("cluster"):
            parsed.clusters[shown(item.get("label", ""))] = item
        else:
            item["label"] = shown(item.get("label", ""))
            parsed.nodes[node_ids[int(item["id"].removeprefix("n"))]] = item
    by_gvid = {node["_gvid"]: node for node in parsed.nodes.values()}
    for edge in data.get("edges", []):
        edge["xlabel"] = shown(edge.get("xlabel", ""))
        edge["from"] = by_gvid[edge["tail"]]["label"]
        edge["to"] = by_gvid[edge["head"]]["label"]
        parsed.edges.append(edge)
    return parsed
