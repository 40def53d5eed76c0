"""Rendering: SVG annotations and links, every format, determinism, title block."""

from __future__ import annotations

import re

import pytest

from microservices.diagrams import (
    FORMAT_MEDIA_TYPES,
    FORMATS,
    VIEWS,
    DiagramOptions,
    Limits,
    RenderError,
    TitleBlock,
    build_diagram,
    render,
    render_diagram,
)

TITLE = TitleBlock(architecture="E-Commerce Platform", revision=7, date="2026-11-25", author="ada")


def link(kind: str, name: str) -> str | None:
    return f"/objects/{kind}/{name}/" if kind != "domain" else None


def test_every_format_has_a_media_type():
    assert set(FORMATS) == set(FORMAT_MEDIA_TYPES)


def test_svg_nodes_carry_ids_kinds_names_tooltips_and_links(reference_spec):
    svg = render(reference_spec, "dependencies", "svg", link=link).decode()
    match = re.search(
        r'<g id="node-service-order-service" class="node" data-kind="service" '
        r'data-name="order-service">\n<title>([^<]*)</title><a href="([^"]*)"',
        svg,
    )
    assert match is not None
    assert "Order management" in match.group(1)
    assert match.group(2) == "/objects/service/order-service/"
    assert 'class="node placeholder" data-kind="service" data-name="payment-service"' in svg
    assert 'id="cluster-domain-orders"' in svg
    assert "/objects/domain/" not in svg


def test_links_can_be_switched_off(reference_spec):
    svg = render(reference_spec, "dependencies", "svg", DiagramOptions(links=False), link=link)
    assert b"href" not in svg


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot", "mmd", "structurizr"])
def test_the_same_input_renders_the_same_bytes(reference_spec, fmt):
    first = render(reference_spec, "sagas", fmt, title=TITLE)
    second = render(reference_spec, "sagas", fmt, title=TITLE)
    assert first == second


def test_the_title_block_names_architecture_revision_date_and_author(reference_spec):
    diagram = build_diagram(reference_spec, "context", title=TITLE)
    svg = render_diagram(diagram, "svg").decode()
    assert "E&#45;Commerce Platform · revision 7 · 2026&#45;11&#45;25 · ada" in svg
    assert "revision 7" in render_diagram(diagram, "mmd").decode().split("\n")[1]


def test_mermaid_draws_clusters_placeholders_and_modes(reference_spec):
    text = render(reference_spec, "dependencies", "mmd").decode()
    assert text.startswith("flowchart LR")
    assert re.search(r'subgraph c\d+\["orders"\]', text)
    assert re.search(r"class [n\d,]+ placeholder", text)
    assert '-->|"CB+R"|' in text


def test_structurizr_describes_containers_relationships_and_a_view(reference_spec):
    text = render(reference_spec, "focus", "structurizr", DiagramOptions(service="order-service"))
    text = text.decode()
    assert text.startswith('workspace "E-Commerce Platform"')
    assert 'softwareSystem "E-Commerce Platform"' in text
    assert re.search(r's\d+ = container "order-service" "Order management; ', text)
    assert re.search(r's\d+ -> s\d+ "calls" "sync" "Sync"', text)
    assert 'container system "focus" "Focus on a service"' in text


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_reference_example_renders_in_every_view_and_format(reference_spec, view):
    options = DiagramOptions(service="order-service") if view == "focus" else DiagramOptions()
    for fmt in FORMATS:
        assert render(reference_spec, view, fmt, options, title=TITLE)


def test_sfdp_layouts_are_deterministic_too(small_synthetic):
    limits = Limits(dot_max_nodes=10)
    diagram = build_diagram(small_synthetic, "dependencies", limits=limits)
    assert diagram.engine == "sfdp"
    assert render_diagram(diagram, "svg") == render_diagram(diagram, "svg")


def test_a_render_that_runs_too_long_is_stopped_with_a_message(small_synthetic):
    diagram = build_diagram(small_synthetic, "dependencies")
    with pytest.raises(RenderError, match="took longer than"):
        render_diagram(diagram, "png", timeout=0.001)
