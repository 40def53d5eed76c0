"""Synthetic architectures: deterministic, the right size and shape, fully defined."""

from __future__ import annotations

from collections import Counter

import pytest

from microservices.spec import dump_architecture
from microservices.spec.model import Architecture
from microservices.synth import synthesize


def call_graph(arch: Architecture) -> dict[str, list[str]]:
    return {s.name: [d.service for d in s.dependencies] for s in arch.services}


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components with more than one service (Kosaraju)."""
    finished: list[str] = []
    seen: set[str] = set()
    for root in graph:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(graph[root]))]
        while stack:
            node, children = stack[-1]
            child = next((c for c in children if c not in seen), None)
            if child is None:
                finished.append(node)
                stack.pop()
            else:
                seen.add(child)
                stack.append((child, iter(graph[child])))
    reverse: dict[str, list[str]] = {name: [] for name in graph}
    for name, targets in graph.items():
        for target in targets:
            reverse[target].append(name)
    components, assigned = [], set()
    for root in reversed(finished):
        if root in assigned:
            continue
        component, stack = [], [root]
        assigned.add(root)
        while stack:
            node = stack.pop()
            component.append(node)
            for caller in reverse[node]:
                if caller not in assigned:
                    assigned.add(caller)
                    stack.append(caller)
        if len(component) > 1:
            components.append(component)
    return components


def test_synthesize_is_deterministic():
    assert dump_architecture(synthesize(120, seed=7)) == dump_architecture(synthesize(120, seed=7))
    assert dump_architecture(synthesize(120, seed=7)) != dump_architecture(synthesize(120, seed=8))


def test_it_builds_5000_services_with_about_25000_dependencies():
    arch = synthesize(5000)
    assert len(arch.services) == 5000
    dependencies = sum(len(s.dependencies) for s in arch.services)
    assert 25000 * 0.98 <= dependencies <= 25000 * 1.02


@pytest.mark.parametrize("size", [1, 2, 3, 7, 26, 51])
def test_it_builds_exactly_the_requested_number_of_services_even_when_small(size):
    arch = synthesize(size)
    assert len(arch.services) == size
    assert len(arch.gateways) >= 1


@pytest.mark.parametrize("size", [0, -3])
def test_it_refuses_a_size_that_is_not_positive(size):
    with pytest.raises(ValueError, match="positive"):
        synthesize(size)


def test_every_reference_points_at_a_defined_service(synthetic_300):
    assert not [s.name for s in synthetic_300.services if s.placeholder]
    published = {e.event for s in synthetic_300.services for e in s.publishes}
    subscribed = {e.event for s in synthetic_300.services for e in s.subscribes}
    assert subscribed and subscribed <= published


def test_it_has_about_one_domain_per_25_services_and_a_team_per_one_to_three(synthetic_300):
    services = synthetic_300.services
    domains_of_team: dict[str, set[str]] = {}
    for service in services:
        domains_of_team.setdefault(service.owner, set()).add(service.domain)
    assert len({s.domain for s in services}) == 12
    assert all(1 <= len(domains) <= 3 for domains in domains_of_team.values())
    assert "orders" in {s.domain for s in services}


def test_the_call_graph_has_a_long_tail_a_few_hubs_and_a_few_cycles(synthetic_300):
    services = synthetic_300.services
    fan_out = [len(s.dependencies) for s in services]
    assert sum(1 <= n <= 4 for n in fan_out) > 0.6 * len(services)
    assert max(fan_out) >= 15
    fan_in = Counter(d.service for s in services for d in s.dependencies)
    mean_fan_in = sum(fan_in.values()) / len(services)
    assert fan_in.most_common(1)[0][1] >= 5 * mean_fan_in
    found = cycles(call_graph(synthetic_300))
    assert found and sum(len(c) for c in found) < 0.05 * len(services)
    modes = Counter(d.mode for s in services for d in s.dependencies)
    assert 0.15 < modes["async"] / sum(modes.values()) < 0.35
    assert any(d.timeout_ms for s in services for d in s.dependencies)


def test_resilience_policies_protect_the_hubs_first(synthetic_300):
    fan_in = Counter(d.service for s in synthetic_300.services for d in s.dependencies)
    hubs = [name for name, _ in fan_in.most_common(5)]
    protected = {p.service for p in synthetic_300.circuit_breakers}
    assert len(protected) == 30 and set(hubs) <= protected
    assert {p.service for p in synthetic_300.retry_policies} == protected


def test_gateways_route_to_entry_services_and_trust_an_identity_service(synthetic_300):
    names = {s.name: s for s in synthetic_300.services}
    assert len(synthetic_300.gateways) == 6
    for gateway in synthetic_300.gateways:
        assert gateway.routes and all(r.service in names for r in gateway.routes)
        assert gateway.authentication.type == "oauth2"
        issuer = names[gateway.authentication.issuer]
        assert issuer.domain == "identity" and "-auth-" in issuer.name


def test_sagas_span_services_of_different_domains(synthetic_300):
    names = {s.name: s for s in synthetic_300.services}
    assert len(synthetic_300.sagas) == 6
    for saga in synthetic_300.sagas:
        assert 3 <= len(saga.steps) <= 5
        domains = [names[step.service].domain for step in saga.steps]
        assert len(set(domains)) == len(domains)


def test_services_carry_their_operational_settings(synthetic_300):
    services = synthetic_300.services
    count = len(services)

    def share(predicate) -> float:
        return sum(1 for s in services if predicate(s)) / count

    assert share(lambda s: {c.type for c in s.health_checks} >= {"liveness", "readiness"}) > 0.8
    assert (
        0.35 < share(lambda s: {o.name for o in s.slos} >= {"availability", "latency_p99"}) < 0.65
    )
    assert share(lambda s: any(o.name == "error_rate" for o in s.slos)) > 0.05
    assert share(lambda s: s.tracing is not None) > 0.7
    assert share(lambda s: s.deployment and s.deployment.canary) > 0.1
    assert share(lambda s: s.event_sourcing is not None) > 0
    assert share(lambda s: s.cqrs is not None) > 0
    assert all(1 <= len(s.endpoints) <= 3 for s in services)
    assert all(s.responsibilities and "language" in s.technologies for s in services)
    datastores = Counter(s.datastore for s in services if s.datastore)
    assert share(lambda s: s.datastore) > 0.7
    assert 1 <= sum(1 for users in datastores.values() if users > 1) <= 10
    assert 0.7 < sum(len(s.publishes) for s in services) / count < 1.3
