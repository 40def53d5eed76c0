"""Findings on real architectures: Online Boutique and Sock Shop, as their docs describe them.

Each expectation says why the finding is right (or why a rule must stay quiet)
for that architecture; see the comments at the top of each spec file for the
sources of the model.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from microservices.spec import parse_architecture
from microservices.validation import validate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(name: str):
    return parse_architecture((EXAMPLES / name).read_bytes())


@pytest.fixture(scope="module")
def boutique():
    return load("online-boutique.yaml")


@pytest.fixture(scope="module")
def sock_shop():
    return load("sock-shop.yaml")


def found(arch, rule_id: str, **thresholds) -> list[list[str]]:
    report = validate(arch, thresholds={rule_id: thresholds} if thresholds else None)
    return [[str(s) for s in f.subjects] for f in report.findings if f.rule == rule_id]


def primaries(arch, rule_id: str, **thresholds) -> list[str]:
    return [subjects[0] for subjects in found(arch, rule_id, **thresholds)]


def rule_counts(arch) -> Counter:
    return Counter(f.rule for f in validate(arch).findings)


# --- Online Boutique ------------------------------------------------------------------

BOUTIQUE_CALLS = {
    "frontend": [
        "adservice",
        "cartservice",
        "checkoutservice",
        "currencyservice",
        "productcatalogservice",
        "recommendationservice",
        "shippingservice",
    ],
    "checkoutservice": [
        "cartservice",
        "currencyservice",
        "emailservice",
        "paymentservice",
        "productcatalogservice",
        "shippingservice",
    ],
    "recommendationservice": ["productcatalogservice"],
    "loadgenerator": ["frontend"],
}


def test_online_boutique_is_eleven_defined_services_with_its_grpc_calls(boutique):
    assert len(boutique.services) == 11
    assert not any(s.placeholder for s in boutique.services)
    calls = {
        s.name: sorted(d.service for d in s.dependencies)
        for s in boutique.services
        if s.dependencies
    }
    assert calls == BOUTIQUE_CALLS


def test_online_boutique_has_no_errors(boutique):
    # Every service is defined, the call graph is acyclic and there is no gateway
    # or mesh whose security could be wrong: nothing in it is broken, only risky.
    assert validate(boutique).counts["error"] == 0


def test_online_boutique_has_no_gateway_in_front_of_its_ten_exposed_services(boutique):
    # The frontend is exposed directly (a LoadBalancer Service); every gRPC
    # service serves its API to whoever reaches it. loadgenerator exposes nothing.
    assert found(boutique, "MS203") == [
        [
            f"service:{name}"
            for name in sorted(
                BOUTIQUE_CALLS["frontend"] + ["emailservice", "frontend", "paymentservice"]
            )
        ]
    ]


def test_every_online_boutique_call_is_wobbly(boutique):
    # No deadline on the gRPC calls and no circuit breaker anywhere: each of the
    # 15 sync calls (checkoutservice's six included) can hang its caller.
    expected = sorted(
        f"dependency:{caller}->{callee}"
        for caller, callees in BOUTIQUE_CALLS.items()
        for callee in callees
    )
    assert primaries(boutique, "MS204") == expected
    assert len(expected) == 15


def test_online_boutique_has_no_cycles_and_no_bidirectional_calls(boutique):
    # Calls only go down: loadgenerator -> frontend -> checkout -> leaves.
    assert found(boutique, "MS201") == []
    assert found(boutique, "MS208") == []


def test_online_boutique_frontend_fan_out_is_chatty_under_a_stricter_limit(boutique):
    # frontend calls 7 services: within the default limit of 8, over a limit of 6
    # (checkoutservice's 6 calls are not over it).
    assert found(boutique, "MS207") == []
    assert primaries(boutique, "MS207", max_calls=6) == ["service:frontend"]


def test_online_boutique_product_catalogue_is_its_busiest_callee(boutique):
    # productcatalogservice is called by frontend, checkoutservice and
    # recommendationservice: the only service with more than two callers.
    assert found(boutique, "MS206") == []
    assert primaries(boutique, "MS206", max_callers=2) == ["service:productcatalogservice"]


def test_online_boutique_longest_chain_is_three_hops(boutique):
    # loadgenerator -> frontend -> checkoutservice -> a leaf: 3 hops, within 4.
    assert found(boutique, "MS205") == []
    assert primaries(boutique, "MS205", max_depth=2) == ["service:loadgenerator"]


def test_online_boutique_shares_no_datastore(boutique):
    # redis-cart belongs to cartservice alone.
    assert found(boutique, "MS202") == []


def test_online_boutique_receivers_all_have_readiness_checks(boutique):
    assert found(boutique, "MS307") == []


def test_online_boutique_services_have_no_owner(boutique):
    # The demo names no teams: every service is reported, as information.
    assert len(primaries(boutique, "MS254")) == 11


def test_online_boutique_load_generator_is_a_nano_service(boutique):
    # One responsibility, no endpoints, no events: only traffic for the others.
    assert primaries(boutique, "MS209") == ["service:loadgenerator"]


def test_online_boutique_findings_are_exactly_these_rules(boutique):
    assert rule_counts(boutique) == {"MS203": 1, "MS204": 15, "MS209": 1, "MS254": 11}


# --- Sock Shop ----------------------------------------------------------------------------

SOCK_SHOP_CALLS = {
    "front-end": ["carts", "catalogue", "orders", "user"],
    "orders": ["carts", "payment", "shipping", "user"],
}


def test_sock_shop_is_eight_services_and_an_edge_router(sock_shop):
    assert len(sock_shop.services) == 8
    assert [g.name for g in sock_shop.gateways] == ["edge-router"]
    calls = {
        s.name: sorted(d.service for d in s.dependencies)
        for s in sock_shop.services
        if s.dependencies
    }
    assert calls == SOCK_SHOP_CALLS


def test_sock_shop_edge_router_has_no_authentication(sock_shop):
    # Traefik forwards everything to front-end; users log in through user's
    # /login behind it, so the gateway itself authenticates nothing.
    assert primaries(sock_shop, "MS601") == ["gateway:edge-router"]


def test_sock_shop_edge_router_has_no_rate_limiting(sock_shop):
    assert primaries(sock_shop, "MS605") == ["gateway:edge-router"]


def test_sock_shop_services_call_each_other_unauthenticated(sock_shop):
    # A gateway at the edge but no mesh: the 8 internal calls carry no identity.
    assert primaries(sock_shop, "MS607") == ["gateway:edge-router"]


def test_every_sock_shop_call_is_wobbly(sock_shop):
    # Plain HTTP with no client timeouts set and no breaker (no Hystrix in the demo).
    expected = sorted(
        f"dependency:{caller}->{callee}"
        for caller, callees in SOCK_SHOP_CALLS.items()
        for callee in callees
    )
    assert primaries(sock_shop, "MS204") == expected


def test_sock_shop_has_a_database_per_service(sock_shop):
    # orders-db, user-db, catalogue-db and carts-db are separate instances.
    assert found(sock_shop, "MS202") == []
    assert found(sock_shop, "MS253") == []


def test_sock_shop_shipping_queue_is_consumed(sock_shop):
    # shipping publishes shipping-task, queue-master consumes it.
    assert found(sock_shop, "MS212") == []
    assert found(sock_shop, "MS107") == []


def test_sock_shop_has_no_cycles(sock_shop):
    assert found(sock_shop, "MS201") == []
    assert found(sock_shop, "MS208") == []


def test_sock_shop_queue_master_is_reachable_around_the_gateway(sock_shop):
    # Its /health endpoint is neither routed nor called: only the orchestrator's
    # probes use it (arguably harmless, but it is reachable inside the cluster).
    assert primaries(sock_shop, "MS606") == ["service:queue-master"]


def test_sock_shop_front_end_spans_many_resources(sock_shop):
    # The front-end proxies 7 top-level resources of four services (a
    # backend-for-frontend): over the default mega-service limit of 6.
    assert primaries(sock_shop, "MS210") == ["service:front-end"]


def test_sock_shop_findings_are_exactly_these_rules(sock_shop):
    assert rule_counts(sock_shop) == {
        "MS204": 8,
        "MS210": 1,
        "MS254": 8,
        "MS601": 1,
        "MS605": 1,
        "MS606": 1,
        "MS607": 1,
    }
