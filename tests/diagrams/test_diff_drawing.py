"""The diff drawing: what changed between two specs, read back from Graphviz's parser."""

from __future__ import annotations

import pytest

from microservices.diagrams import Limits, render_diagram, styles
from microservices.diagrams.diff import build_diff_diagram
from microservices.spec.model import Architecture, Dependency, Service

from .conftest import HOSTILE_SERVICE, layout, reference


def with_legacy_service() -> Architecture:
    """The reference example plus a service that orders call and the next revision drops."""
    spec = reference()
    spec.services.append(
        Service(name="legacy-service", domain="orders", owner="core-team", datastore="mainframe")
    )
    order = next(s for s in spec.services if s.name == "order-service")
    order.dependencies.append(Dependency(service="legacy-service", mode="sync"))
    return spec


def proposed_change(old: Architecture) -> Architecture:
    """Adds shipping (called async by orders), drops legacy and the payment call,
    and hands inventory to another team."""
    new = old.model_copy(deep=True)
    new.services = [s for s in new.services if s.name != "legacy-service"]
    services = {s.name: s for s in new.services}
    services["inventory-service"].owner = "stock-team"
    order = services["order-service"]
    order.dependencies = [
        d for d in order.dependencies if d.service not in ("legacy-service", "payment-service")
    ]
    order.dependencies.append(Dependency(service="shipping-service", mode="async"))
    shipping = Service(
        name="shipping-service",
        domain="shipping",
        owner="logistics-team",
        description="Ships paid orders.",
        responsibilities=["Book couriers"],
    )
    new.services.append(shipping)
    return new


@pytest.fixture
def drawn():
    old = with_legacy_service()
    return layout(build_diff_diagram(old, proposed_change(old)))


def edge(drawn, source: str, target: str) -> dict:
    (found,) = drawn.edges_between(source, target)
    return found


def test_it_draws_an_added_service_green(drawn):
    shipping = drawn.nodes["node-service-shipping-service"]

    assert shipping["color"] == styles.ADDED
    assert "dashed" not in shipping["style"]


def test_it_draws_a_removed_service_red_and_dashed_in_its_old_domain(drawn):
    legacy = drawn.nodes["node-service-legacy-service"]

    assert legacy["color"] == styles.ERROR
    assert "dashed" in legacy["style"]
    assert "legacy-service" in drawn.members("orders")


def test_it_draws_a_changed_service_amber(drawn):
    assert drawn.nodes["node-service-inventory-service"]["color"] == styles.WARNING


def test_it_greys_out_a_service_nothing_changed(drawn):
    user = drawn.nodes["node-service-user-service"]

    assert user["color"] not in (styles.ADDED, styles.ERROR, styles.WARNING)


def test_it_draws_an_added_dependency_green(drawn):
    added = edge(drawn, "order-service", "shipping-service")

    assert added["color"] == styles.ADDED
    assert "dashed" not in added.get("style", "")


def test_it_draws_removed_dependencies_red_and_dashed(drawn):
    for target in ("legacy-service", "payment-service"):
        removed = edge(drawn, "order-service", target)
        assert removed["color"] == styles.ERROR
        assert removed["style"] == "dashed"


def test_it_keeps_an_unchanged_dependency_out_of_the_highlight_colours(drawn):
    kept = edge(drawn, "order-service", "inventory-service")

    assert kept["color"] not in (styles.ADDED, styles.ERROR)


def test_it_has_a_legend_naming_each_colour():
    old = with_legacy_service()
    diagram = build_diff_diagram(old, proposed_change(old))

    legend = layout(diagram).nodes["node-legend-legend"]["label"]

    for word in ("added", "removed", "changed", "unchanged"):
        assert word in legend


def test_a_renamed_service_is_drawn_once_as_changed_with_its_calls_kept():
    old = reference()
    old.services[1].responsibilities = ["Keep stock", "Reserve items"]
    new = old.model_copy(deep=True)
    new.services[1].name = "stock-service"
    order = next(s for s in new.services if s.name == "order-service")
    for dependency in order.dependencies:
        if dependency.service == "inventory-service":
            dependency.service = "stock-service"

    drawn = layout(build_diff_diagram(old, new))

    assert "node-service-inventory-service" not in drawn.nodes
    stock = drawn.nodes["node-service-stock-service"]
    assert stock["color"] == styles.WARNING and "inventory-service" in stock["label"]
    assert edge(drawn, "order-service", stock["label"])["color"] not in (
        styles.ADDED,
        styles.ERROR,
    )


def test_a_large_architecture_shows_only_changed_services_and_their_neighbours():
    old = with_legacy_service()
    new = old.model_copy(deep=True)
    next(s for s in new.services if s.name == "inventory-service").owner = "stock-team"

    diagram = build_diff_diagram(old, new, limits=Limits(collapse_above=3))

    services = {n.name for n in diagram.graph.nodes.values() if n.kind == "service"}
    assert services == {"inventory-service", "order-service"}
    assert diagram.collapsed
    assert any("1 changed services" in note for note in diagram.notes)


def test_it_says_so_when_nothing_changed():
    spec = reference()

    diagram = build_diff_diagram(spec, spec.model_copy(deep=True))

    assert any("No service or dependency changed" in note for note in diagram.notes)


def test_the_svg_marks_each_status_links_kept_services_and_runs_no_script():
    old = with_legacy_service()
    new = proposed_change(old)
    new.services[-1].name = HOSTILE_SERVICE
    new.services[-1].responsibilities = ["<script>alert(1)</script>"]

    diagram = build_diff_diagram(old, new, link=lambda kind, name: f"/{kind}/{name}")
    svg = render_diagram(diagram, "svg").decode()

    assert "<script" not in svg and "javascript:" not in svg
    assert 'id="node-service-legacy-service" class="node removed"' in svg
    assert 'id="node-service-inventory-service" class="node changed"' in svg
    assert 'href="/service/order-service"' in svg
    assert 'href="/service/legacy-service"' not in svg
