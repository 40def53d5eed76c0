"""Architecture smells (MS201-MS213): the call graph, persistence, sizes, coupling, events."""

from __future__ import annotations

import runpy
import time
from itertools import pairwise
from pathlib import Path

from microservices.synth import synthesize
from microservices.validation import validate
from microservices.validation.registry import all_rules
from microservices.validation.rules.smells import resource_of

from .helpers import findings, spec, subjects, svc

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.py"
FAMILIES = ("smells", "coupling", "teams")


def own_rules() -> list[str]:
    return [rule_id for rule_id, r in all_rules().items() if r.family in FAMILIES]


def run_own_rules(architecture):
    others = [rule_id for rule_id in all_rules() if rule_id not in own_rules()]
    return validate(architecture, disabled=others).findings


def breaker(name):
    return {"service": name, "failure_threshold": 5, "reset_timeout_seconds": 30}


MESH = {"name": "mesh", "mesh_type": "istio"}


# --- MS201 cycles of sync calls ----------------------------------------------------


def test_a_sync_cycle_is_one_finding_per_component_with_a_real_cycle_path():
    arch = spec(
        services=[
            svc("a", "b"),
            svc("b", "c", "d"),
            svc("c", "a"),
            svc("d", "b"),
            svc("x", "y"),
            svc("y", "x"),
            svc("z", "a"),
        ]
    )
    found = findings(arch, "MS201")
    assert len(found) == 2
    first, second = found
    # The component {a, b, c, d}; the shortest cycle through its first member a.
    assert first.data["cycle"] == ["a", "b", "c", "a"]
    assert "4 services" in first.message and "a -> b -> c -> a" in first.message
    assert subjects([first]) == [
        [
            "service:a",
            "service:b",
            "service:c",
            "service:d",
            "dependency:a->b",
            "dependency:b->c",
            "dependency:c->a",
        ]
    ]
    assert second.data["cycle"] == ["x", "y", "x"]
    # Every step of the path is a real sync call.
    edges = {("a", "b"), ("b", "c"), ("b", "d"), ("c", "a"), ("d", "b")}
    path = first.data["cycle"]
    assert all(step in edges for step in pairwise(path))


def test_async_calls_in_a_loop_are_not_a_sync_cycle():
    arch = spec(services=[svc("a", "b"), svc("b", "a", mode="async")])
    assert findings(arch, "MS201") == []


# --- MS202 shared persistence ------------------------------------------------------


def test_two_services_on_one_datastore_share_persistence():
    arch = spec(
        services=[
            svc("b", datastore="main-db"),
            svc("a", datastore="main-db"),
            svc("c", datastore="c-db"),
        ]
    )
    found = findings(arch, "MS202")
    assert subjects(found) == [["datastore:main-db", "service:a", "service:b"]]
    assert "main-db is shared by 2 services: a, b" in found[0].message


def test_services_with_their_own_datastores_share_nothing():
    arch = spec(services=[svc("a", datastore="a-db"), svc("b", datastore="b-db")])
    assert findings(arch, "MS202") == []


# --- MS203 no API gateway ----------------------------------------------------------


def test_endpoints_without_a_gateway_are_reported():
    arch = spec(
        services=[
            svc("a", endpoints=[{"path": "/a"}, {"path": "/a/{id}"}]),
            svc("b"),
        ]
    )
    found = findings(arch, "MS203")
    assert subjects(found) == [["service:a"]]
    assert "1 service(s) expose 2 endpoint(s)" in found[0].message


def test_a_gateway_in_front_of_the_endpoints_is_clean():
    arch = spec(
        services=[svc("a", endpoints=[{"path": "/a"}])],
        gateways=[{"name": "edge", "routes": [{"path": "/a", "service": "a"}]}],
    )
    assert findings(arch, "MS203") == []


# --- MS204 wobbly service interaction ----------------------------------------------


def test_a_sync_call_without_timeout_or_breaker_is_wobbly_even_into_a_placeholder():
    arch = spec(services=[svc("a", "b", "ghost"), svc("b")])
    found = findings(arch, "MS204")
    assert subjects(found) == [
        ["dependency:a->b", "service:b"],
        ["dependency:a->ghost", "service:ghost"],
    ]
    assert found[0].message == (
        "a calls b synchronously with no timeout and no circuit breaker on b"
    )


def test_a_timeout_or_a_breaker_makes_the_call_safe():
    arch = spec(
        services=[
            {"name": "a", "dependencies": [{"service": "b", "mode": "sync", "timeout_ms": 500}]},
            svc("c", "d"),
            svc("e", "b", mode="async"),
        ],
        circuit_breakers=[breaker("d")],
    )
    assert findings(arch, "MS204") == []


# --- MS205 deep sync chains --------------------------------------------------------


def test_a_deep_chain_is_reported_from_its_entry_service_with_the_path():
    chain = ["s0", "s1", "s2", "s3", "s4", "s5", "s6"]
    services = [svc(a, b) for a, b in pairwise(chain)]
    # A short side branch, and a cycle at the end: its calls are MS201's, not hops.
    services += [svc("side", "s5"), svc("s6", "loop"), svc("loop", "s6")]
    found = findings(spec(services=services), "MS205", max_depth=4)
    assert [f.data["path"] for f in found] == [chain]
    assert found[0].data["depth"] == 6
    assert subjects(found)[0][:3] == ["service:s0", "dependency:s0->s1", "dependency:s1->s2"]
    assert found[0].message == (
        "s0 starts a chain of 6 synchronous hops, over the limit of 4: "
        "s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> s6"
    )


def test_chains_within_the_limit_are_clean():
    arch = spec(services=[svc("a", "b"), svc("b", "c"), svc("c", "d")])
    assert findings(arch, "MS205") == []


def test_deep_chains_are_capped_and_longest_first():
    services = []
    for length in (5, 7, 6):
        names = [f"c{length}-{i}" for i in range(length + 1)]
        services += [svc(a, b) for a, b in pairwise(names)]
    found = findings(spec(services=services), "MS205", max_findings=2)
    assert sorted(f.data["depth"] for f in found) == [6, 7]


# --- MS206 hubs and MS207 chatty services ------------------------------------------


def test_a_service_called_by_more_than_the_limit_is_a_hub():
    arch = spec(services=[svc(f"c{i}", "hub") for i in range(4)] + [svc("hub")])
    assert subjects(findings(arch, "MS206", max_callers=3)) == [["service:hub"]]
    assert findings(arch, "MS206", max_callers=4) == []


def test_a_service_calling_more_than_the_limit_is_chatty():
    arch = spec(services=[svc("talker", "a", "b", "c", mode="async")])
    found = findings(arch, "MS207", max_calls=2)
    assert subjects(found) == [["service:talker"]]
    assert found[0].message == "talker calls 3 services, over the limit of 2"
    assert findings(arch, "MS207") == []


# --- MS208 bidirectional dependencies ----------------------------------------------


def test_two_services_calling_each_other_are_one_finding():
    arch = spec(services=[svc("b", "a", mode="async"), svc("a", "b")])
    found = findings(arch, "MS208")
    assert subjects(found) == [["service:a", "service:b", "dependency:a->b", "dependency:b->a"]]
    assert "a -> b sync, b -> a async" in found[0].message


def test_one_way_calls_are_not_bidirectional():
    assert findings(spec(services=[svc("a", "b"), svc("b", "c")]), "MS208") == []


# --- MS209 nano-services and MS210 mega-services -----------------------------------


def test_a_service_with_one_responsibility_and_no_events_is_nano():
    arch = spec(
        services=[
            svc("tiny", responsibilities=["Formatting"], endpoints=[{"path": "/format"}]),
            svc("busy", responsibilities=["A"], subscribes=[{"event": "x.y"}]),
            svc("real", responsibilities=["A", "B"], endpoints=[{"path": "/r"}]),
        ]
    )
    found = findings(arch, "MS209")
    assert subjects(found) == [["service:tiny"]]
    assert found[0].message == "tiny has 1 responsibility(ies), 1 endpoint(s) and no events"


def test_services_with_events_or_several_responsibilities_are_not_nano():
    arch = spec(
        services=[
            svc("a", responsibilities=["A", "B"]),
            svc("b", publishes=[{"event": "b.done", "kind": "domain"}]),
        ]
    )
    assert findings(arch, "MS209") == []


def test_resources_skip_api_and_version_prefixes():
    assert resource_of("/api/v2/orders/{id}") == "orders"
    assert resource_of("/orders") == "orders"
    assert resource_of("/api") is None


def test_a_service_with_too_many_responsibilities_or_resources_is_mega():
    paths = ["/api/a", "/api/b/{id}", "/c", "/v1/d", "/a/x"]
    arch = spec(
        services=[
            svc("wide", endpoints=[{"path": p} for p in paths]),
            svc("heavy", responsibilities=[f"R{i}" for i in range(4)]),
        ]
    )
    found = findings(arch, "MS210", max_responsibilities=3, max_resources=3)
    assert subjects(found) == [["service:heavy"], ["service:wide"]]
    assert found[0].message == "heavy is too large: 4 responsibilities (limit 3)"
    assert found[1].message == "wide is too large: endpoints over 4 resources (limit 3: a, b, c, d)"


def test_a_focused_service_is_not_mega():
    arch = spec(services=[svc("a", responsibilities=["A"], endpoints=[{"path": "/a"}])])
    assert findings(arch, "MS210") == []


# --- MS211 cross-domain sync coupling ----------------------------------------------


def test_many_sync_calls_from_one_domain_into_another_are_coupling():
    arch = spec(
        services=[
            svc("o1", "i1", "i2", domain="orders"),
            svc("o2", "i1", domain="orders"),
            svc("o3", "i2", "o1", domain="orders"),
            svc("i1", domain="inventory"),
            svc("i2", "o1", domain="inventory"),
        ]
    )
    found = findings(arch, "MS211", max_calls=3)
    assert subjects(found) == [["domain:orders", "domain:inventory"]]
    assert found[0].data["calls"] == ["o1->i1", "o1->i2", "o2->i1", "o3->i2"]
    assert "Domain orders makes 4 synchronous calls into domain inventory" in found[0].message


def test_async_and_same_domain_calls_are_not_cross_domain_coupling():
    arch = spec(
        services=[
            svc("o1", "i1", "i2", "i3", "i4", mode="async", domain="orders"),
            svc("o2", "o1", "o3", "o4", "o5", domain="orders"),
        ]
        + [svc(f"i{n}", domain="inventory") for n in range(1, 5)]
    )
    assert findings(arch, "MS211") == []


# --- MS212 events never consumed ---------------------------------------------------


def test_an_event_nobody_subscribes_to_is_reported_with_its_publishers():
    arch = spec(
        services=[
            svc("a", publishes=[{"event": "a.done", "kind": "domain"}]),
            svc("b", publishes=[{"event": "b.done", "kind": "domain"}]),
            svc("c", subscribes=[{"event": "b.done"}]),
        ]
    )
    found = findings(arch, "MS212")
    assert subjects(found) == [["event:a.done", "service:a"]]
    assert found[0].message == "a.done is published by a but no service subscribes to it"


def test_consumed_events_are_clean():
    arch = spec(
        services=[
            svc("a", publishes=[{"event": "a.done", "kind": "domain"}]),
            svc("b", subscribes=[{"event": "a.done"}]),
        ]
    )
    assert findings(arch, "MS212") == []


# --- MS213 endpoint-based interaction ----------------------------------------------


def test_sync_calls_without_a_mesh_are_endpoint_based():
    arch = spec(services=[svc("a", "b", "c"), svc("b", "c"), svc("c")])
    found = findings(arch, "MS213")
    assert subjects(found) == [["service:a", "service:b"]]
    assert found[0].data["calls"] == 3
    assert found[0].message.startswith("3 synchronous call(s) from 2 service(s)")


def test_a_mesh_or_a_discovery_service_removes_endpoint_based_interaction():
    calls = [svc("a", "b"), svc("b")]
    assert findings(spec(services=calls, mesh=MESH), "MS213") == []
    discovered = [svc("a", "b", technologies={"service_discovery": "consul"}), svc("b")]
    assert findings(spec(services=discovered), "MS213") == []
    assert findings(spec(services=[svc("a", "b", mode="async"), svc("b")]), "MS213") == []


# --- all of them together ----------------------------------------------------------


def test_the_reference_example_yields_exactly_these_smells():
    architecture = runpy.run_path(str(EXAMPLE))["ms"].to_spec()
    found = [(f.rule, [str(s) for s in f.subjects]) for f in run_own_rules(architecture)]
    assert found == [
        # order-service's sync call into inventory-service is wobbly: inventory-service has
        # no circuit breaker and the dependency has no timeout. (Its call into
        # payment-service is protected by payment-service's breaker.)
        ("MS204", ["dependency:order-service->inventory-service", "service:inventory-service"]),
        # order-service publishes order.created and order.shipped; nothing subscribes.
        ("MS212", ["event:order.created", "service:order-service"]),
        ("MS212", ["event:order.shipped", "service:order-service"]),
        # Neither defined service names an owner team (placeholders are MS101's).
        ("MS254", ["service:inventory-service"]),
        ("MS254", ["service:order-service"]),
    ]
    # Not reported: no cycles, shared datastores or deep chains; the api-gateway and the
    # istio mesh exist; orders calls inventory once, under the cross-domain limit;
    # both services have three responsibilities, neither nano nor mega.


def test_the_smells_on_a_large_synthetic_architecture_are_deterministic():
    architecture = synthesize(5000)
    started = time.perf_counter()
    first = run_own_rules(architecture)
    seconds = time.perf_counter() - started
    print(f"smells, coupling and team rules on 5,000 services: {seconds:.3f} s")
    second = run_own_rules(synthesize(5000))
    assert [f.fingerprint for f in first] == [f.fingerprint for f in second]
    assert [f.message for f in first] == [f.message for f in second]
    assert {f.rule for f in first} >= {"MS201", "MS204", "MS205", "MS206", "MS207"}
