"""Hostile text in every view and format renders as text and runs nothing."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from microservices.diagrams import VIEWS, DiagramOptions, build_diagram, render_diagram
from microservices.diagrams.svg import ALLOWED_ELEMENTS, safe_url, sanitize
from tests.diagrams.conftest import (
    HOSTILE_DOMAIN,
    HOSTILE_EVENT,
    HOSTILE_SERVICE,
    HOSTILE_TEXT,
    hostile,
    layout,
)

SCRIPTABLE = re.compile(r"<script|<foreignObject|\son\w+\s*=|javascript:|data:|<iframe", re.I)


def hostile_diagram(view: str, **extra):
    options = DiagramOptions(service="order-service") if view == "focus" else DiagramOptions()
    return build_diagram(hostile(), view, options, **extra)


@pytest.mark.parametrize("view", list(VIEWS))
def test_hostile_names_add_no_node_or_edge_to_the_dot(view):
    diagram = hostile_diagram(view)
    drawn = layout(diagram)
    assert len(drawn.nodes) == diagram.node_count
    assert len(drawn.edges) == diagram.edge_count
    assert not any(n["label"] in ("b", "evil", "y", "x") for n in drawn.nodes.values())


def test_hostile_names_come_back_from_graphviz_as_the_same_text():
    drawn = layout(hostile_diagram("events"))
    labels = {n["label"] for n in drawn.nodes.values()}
    assert {HOSTILE_EVENT, HOSTILE_SERVICE} <= labels
    domains = layout(hostile_diagram("dependencies")).clusters
    assert HOSTILE_DOMAIN in domains


@pytest.mark.parametrize("view", list(VIEWS))
def test_svg_of_hostile_names_has_nothing_scriptable(view):
    svg = render_diagram(
        hostile_diagram(view, link=lambda kind, name: "javascript:alert(1)"), "svg"
    )
    root = ElementTree.fromstring(svg)
    elements = list(root.iter())
    assert {e.tag.rsplit("}", 1)[-1] for e in elements} <= ALLOWED_ELEMENTS
    for element in elements:
        for name, value in element.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on")
            assert "href" not in name
            assert not value.strip().lower().startswith(("javascript:", "data:"))
    text = "".join(root.itertext())
    assert HOSTILE_DOMAIN in text or HOSTILE_TEXT in text


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_bitmaps_and_pdfs_of_hostile_names_render(view, fmt):
    content = render_diagram(hostile_diagram(view), fmt)
    assert content.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")


@pytest.mark.parametrize("view", list(VIEWS))
def test_mermaid_keeps_hostile_text_inside_its_labels(view):
    text = render_diagram(hostile_diagram(view), "mmd").decode()
    assert "<script" not in text and "</text>" not in text
    for line in text.splitlines()[1:]:
        # Every label is one quoted string: quotes pair up on each line.
        assert line.count('"') % 2 == 0, line


@pytest.mark.parametrize("view", list(VIEWS))
def test_structurizr_keeps_hostile_text_inside_its_strings(view):
    text = render_diagram(hostile_diagram(view), "structurizr").decode()
    for line in text.splitlines():
        unescaped = re.sub(r"\\.", "", line)
        assert unescaped.count('"') % 2 == 0, line
    assert text.count("{") == text.count("}") + HOSTILE_TEXT.count("{") * 0
    assert f'container "{HOSTILE_SERVICE.replace(chr(34), chr(92) + chr(34))}"' in text


def test_the_sanitizer_removes_scripts_handlers_and_foreign_content():
    hostile_svg = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg width="1" onload="alert(1)">'
        '<script>alert(1)</script><g id="a"/onclick=alert(2)><text>ok &x;</text></g>'
        '<foreignObject><div>hi</div></foreignObject><a xlink:href="javascript:alert(3)">'
        '<text>link</text></a><animate attributeName="href" to="javascript:alert(4)"/>'
        "<![CDATA[<script>alert(5)</script>]]></svg>"
    )
    clean = sanitize(hostile_svg)
    assert not SCRIPTABLE.search(clean)
    assert "alert" not in clean
    assert "<foreignObject" not in clean and "<animate" not in clean and "<a " not in clean
    assert clean.startswith('<svg width="1">')


def test_only_relative_and_http_links_are_kept():
    assert safe_url("/architectures/shop/services/order-service/") is not None
    assert safe_url("https://example.com/x") is not None
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "/a b", '/a"b'):
        assert safe_url(bad) is None
