"""Each view's structure, read back through Graphviz's own parser."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from microservices.diagrams import (
    VIEWS,
    DiagramOptionError,
    DiagramOptions,
    Limits,
    build_diagram,
)
from microservices.spec.model import Dependency, Subscription
from microservices.validation.context import Context
from tests.diagrams.conftest import layout

PLACEHOLDERS = {"auth-service", "payment-service", "product-service", "user-service"}


def test_it_registers_the_six_views_in_menu_order():
    assert list(VIEWS)[:6] == ["dependencies", "context", "events", "sagas", "focus", "gateway"]
    assert all(view.title and view.description for view in VIEWS.values())
    assert VIEWS["focus"].options == ("service", "hops")


def test_the_dependency_map_clusters_services_by_domain(small_synthetic):
    drawn = layout(build_diagram(small_synthetic, "dependencies"))
    domains = {s.domain for s in small_synthetic.services}
    assert set(drawn.clusters) == domains
    for domain in domains:
        expected = {s.name for s in small_synthetic.services if s.domain == domain}
        assert drawn.members(domain) == expected


def test_sync_calls_are_solid_and_async_calls_dashed(reference_spec):
    order = next(s for s in reference_spec.services if s.name == "order-service")
    order.dependencies.append(Dependency(service="user-service", mode="async"))
    drawn = layout(build_diagram(reference_spec, "dependencies"))
    (sync,) = drawn.edges_between("order-service", "inventory-service")
    (asynchronous,) = drawn.edges_between("order-service", "user-service")
    assert sync["style"] == "solid"
    assert asynchronous["style"] == "dashed"


def test_placeholders_are_dashed_and_grey_outside_every_domain(reference_spec):
    drawn = layout(build_diagram(reference_spec, "dependencies"))
    for name in PLACEHOLDERS:
        node = drawn.nodes[f"node-service-{name}"]
        assert "dashed" in node["style"] and node["color"] == "#9e9e9e"
    assert drawn.members("orders") == {"order-service"}
    assert "dashed" not in drawn.nodes["node-service-order-service"].get("style", "")


def test_calls_into_a_protected_service_are_marked(reference_spec):
    drawn = layout(build_diagram(reference_spec, "dependencies"))
    (protected,) = drawn.edges_between("order-service", "payment-service")
    (plain,) = drawn.edges_between("order-service", "inventory-service")
    assert protected["headlabel"] == "CB+R"
    assert "headlabel" not in plain


def test_the_gateway_enters_with_its_routes_and_the_map_has_a_legend(reference_spec):
    drawn = layout(build_diagram(reference_spec, "dependencies"))
    gateway = drawn.nodes["node-gateway-api-gateway"]
    assert gateway["label"].startswith("api-gateway\nauth: oauth2 (auth-service)")
    (route,) = drawn.edges_between(gateway["label"], "product-service")
    assert route["xlabel"] == "/api/products"
    assert "sync call" in drawn.nodes["node-legend-legend"]["label"]


def test_findings_outline_nodes_red_for_errors_and_amber_for_warnings(reference_spec):
    findings = {"order-service": "error", "inventory-service": "warning"}
    drawn = layout(build_diagram(reference_spec, "dependencies", DiagramOptions(findings=findings)))
    assert drawn.nodes["node-service-order-service"]["color"] == "#d32f2f"
    assert drawn.nodes["node-service-inventory-service"]["color"] == "#f59e0b"
    assert drawn.nodes["node-service-user-service"]["color"] == "#9e9e9e"


def test_a_large_map_starts_collapsed_to_domains_and_says_so(small_synthetic):
    diagram = build_diagram(small_synthetic, "dependencies", limits=Limits(collapse_above=50))
    drawn = layout(diagram)
    assert diagram.collapsed
    assert "80 services exceed 50" in diagram.notes[0]
    kinds = Counter(node_id.split("-")[1] for node_id in drawn.nodes)
    assert kinds["domain"] == len({s.domain for s in small_synthetic.services})
    assert kinds["service"] == 0


def test_an_expanded_domain_shows_its_services_while_the_rest_stays_collapsed(small_synthetic):
    domain = small_synthetic.services[0].domain
    options = DiagramOptions(expand=(domain,))
    diagram = build_diagram(
        small_synthetic, "dependencies", options, limits=Limits(collapse_above=50)
    )
    drawn = layout(diagram)
    shown = {n["label"] for i, n in drawn.nodes.items() if i.startswith("node-service-")}
    assert shown == {s.name for s in small_synthetic.services if s.domain == domain}
    assert f"node-domain-{domain}" not in drawn.nodes


def test_collapsed_links_count_the_calls_between_domains(reference_spec):
    diagram = build_diagram(reference_spec, "dependencies", DiagramOptions(collapse=True))
    drawn = layout(diagram)
    (link,) = drawn.edges_between("orders\n1 service", "inventory\n1 service")
    assert link["xlabel"] == "1 sync"


def test_a_clustered_map_too_large_for_dot_is_laid_out_with_sfdp(small_synthetic):
    limits = Limits(dot_max_nodes=40)
    diagram = build_diagram(
        small_synthetic, "dependencies", DiagramOptions(collapse=False), limits=limits
    )
    assert diagram.engine == "sfdp"
    assert "subgraph cluster" not in diagram.dot
    assert any("sfdp" in note for note in diagram.notes)


def test_the_context_map_counts_cross_domain_calls_by_mode(small_synthetic):
    drawn = layout(build_diagram(small_synthetic, "context"))
    ctx = Context(small_synthetic)
    domain = {s.name: s.domain for s in small_synthetic.services}
    expected = Counter(
        (domain[a], domain[b], dep.mode.value)
        for (a, b), dep in ctx.dependencies.items()
        if domain[a] != domain[b]
    )
    found = Counter()
    for edge in drawn.edges:
        count, mode = edge["xlabel"].split()
        source = edge["from"].split("\n")[0]
        target = edge["to"].split("\n")[0]
        found[(source, target, mode)] += int(count.replace(",", ""))
        assert edge["style"] == ("dashed" if mode == "async" else "solid")
    assert found == expected


def test_the_event_flow_goes_from_publishers_through_events_to_subscribers(reference_spec):
    inventory = next(s for s in reference_spec.services if s.name == "inventory-service")
    inventory.subscribes.append(Subscription(event="order.created"))
    drawn = layout(build_diagram(reference_spec, "events"))
    assert drawn.edges_between("order-service", "order.created")
    assert drawn.edges_between("order.created", "inventory-service")
    assert not drawn.edges_between("order.shipped", "inventory-service")


def test_a_saga_runs_its_steps_in_order_and_compensates_backwards(reference_spec):
    drawn = layout(build_diagram(reference_spec, "sagas"))
    steps = {n["label"].split("\n")[0]: n["label"] for i, n in drawn.nodes.items() if "-step-" in i}
    assert list(steps) == ["1. step1", "2. step2", "3. step3"]
    assert drawn.edges_between(steps["1. step1"], steps["2. step2"])
    assert drawn.edges_between(steps["2. step2"], steps["3. step3"])
    back = [e for e in drawn.edges if e.get("xlabel") == "then"]
    assert [(e["from"].split("(")[0], e["to"].split("(")[0]) for e in back] == [
        ("release_inventory", "cancel_order"),
        ("refund_payment", "release_inventory"),
    ]
    assert set(drawn.clusters) == {"order-creation (sequential compensation)"}


def test_a_parallel_saga_has_no_compensation_chain(reference_spec):
    reference_spec.sagas[0].compensation_strategy = "parallel"
    drawn = layout(build_diagram(reference_spec, "sagas", DiagramOptions(saga="order-creation")))
    assert not [e for e in drawn.edges if e.get("xlabel") == "then"]
    assert len([i for i in drawn.nodes if i.startswith("node-compensation-")]) == 3


def test_the_focus_view_highlights_the_blast_radius(small_synthetic):
    ctx = Context(small_synthetic)
    centre = max(ctx.sync_graph, key=lambda n: len(nx.ancestors(ctx.sync_graph, n)))
    blast = nx.ancestors(ctx.sync_graph, centre)
    options = DiagramOptions(service=centre, hops=1)
    diagram = build_diagram(small_synthetic, "focus", options)
    drawn = layout(diagram)
    highlighted = {n["label"] for n in drawn.nodes.values() if n.get("fillcolor") == "#fde2e1"}
    assert highlighted == blast
    neighbours = {a for a, b in ctx.dependencies if b == centre} | {
        b for a, b in ctx.dependencies if a == centre
    }
    assert {n["label"] for n in drawn.nodes.values()} == {centre} | neighbours | blast
    assert f"{len(blast):,} service" in diagram.notes[0]


@pytest.mark.parametrize(
    ("view", "options", "message"),
    [
        ("focus", DiagramOptions(), "needs a service"),
        ("focus", DiagramOptions(service="nope"), "no service 'nope'"),
        ("sagas", DiagramOptions(saga="nope"), "no saga 'nope'"),
        ("dependencies", DiagramOptions(domain="nope"), "no domain 'nope'"),
    ],
)
def test_it_rejects_options_naming_what_the_architecture_lacks(
    reference_spec, view, options, message
):
    with pytest.raises(DiagramOptionError, match=message):
        build_diagram(reference_spec, view, options)


def test_the_gateway_view_notes_authentication_and_rate_limiting(reference_spec):
    drawn = layout(build_diagram(reference_spec, "gateway"))
    gateway = drawn.nodes["node-gateway-api-gateway"]["label"]
    assert "auth: oauth2 (auth-service)" in gateway and "rate limit: 1,000/min" in gateway
    assert drawn.edges_between(gateway, "/api/orders")
    assert drawn.edges_between("/api/orders", "order-service")
    assert drawn.edges_between(gateway, "auth-service")


def test_a_domain_option_keeps_one_context_and_its_neighbours(reference_spec):
    drawn = layout(
        build_diagram(reference_spec, "dependencies", DiagramOptions(domain="inventory"))
    )
    services = {n["label"] for i, n in drawn.nodes.items() if i.startswith("node-service-")}
    assert services == {"inventory-service", "order-service"}


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_reference_example_draws_in_every_view(reference_spec, view):
    options = DiagramOptions(service="order-service") if view == "focus" else DiagramOptions()
    diagram = build_diagram(reference_spec, view, options)
    drawn = layout(diagram)
    assert len(drawn.nodes) == diagram.node_count > 0
    assert len(drawn.edges) == diagram.edge_count > 0
    assert diagram.engine == "dot"
