"""Indexes over one canonical spec, computed once and shared by every rule.

Everything here is linear in the size of the architecture; rules that need the
graph use `sync_graph` (networkx) rather than walking services pairwise.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

import networkx as nx

from ..spec.enums import DependencyMode
from ..spec.model import Architecture, CircuitBreaker, Dependency, RetryPolicy, Service
from ..spec.normalize import service_references


class Context:
    def __init__(self, spec: Architecture):
        self.spec = spec

    @cached_property
    def services(self) -> dict[str, Service]:
        return {service.name: service for service in self.spec.services}

    @cached_property
    def defined(self) -> dict[str, Service]:
        return {name: s for name, s in self.services.items() if not s.placeholder}

    @cached_property
    def placeholders(self) -> set[str]:
        return {name for name, s in self.services.items() if s.placeholder}

    @cached_property
    def dependencies(self) -> dict[tuple[str, str], Dependency]:
        """(caller, callee) -> the dependency."""
        return {
            (service.name, dep.service): dep
            for service in self.spec.services
            for dep in service.dependencies
        }

    @cached_property
    def sync_graph(self) -> nx.DiGraph:
        """Services as nodes, sync calls as edges (caller -> callee)."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.services)
        graph.add_edges_from(
            pair for pair, dep in self.dependencies.items() if dep.mode == DependencyMode.SYNC
        )
        return graph

    @cached_property
    def callers(self) -> dict[str, list[str]]:
        """callee -> its callers (sync and async)."""
        found: dict[str, list[str]] = defaultdict(list)
        for caller, callee in self.dependencies:
            found[callee].append(caller)
        return found

    @cached_property
    def breakers(self) -> dict[str, CircuitBreaker]:
        return {policy.service: policy for policy in self.spec.circuit_breakers}

    @cached_property
    def retries(self) -> dict[str, RetryPolicy]:
        return {policy.service: policy for policy in self.spec.retry_policies}

    @cached_property
    def publishers(self) -> dict[str, str]:
        """event -> the service that publishes it."""
        return {e.event: s.name for s in self.spec.services for e in s.publishes}

    @cached_property
    def subscribers(self) -> dict[str, list[str]]:
        """event -> services that subscribe to it."""
        found: dict[str, list[str]] = defaultdict(list)
        for service in self.spec.services:
            for subscription in service.subscribes:
                found[subscription.event].append(service.name)
        return found

    @cached_property
    def routed(self) -> dict[str, list[tuple[str, str]]]:
        """service -> the (gateway, path) routes that reach it."""
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for gateway in self.spec.gateways:
            for route in gateway.routes:
                found[route.service].append((gateway.name, route.path))
        return found

    @cached_property
    def references(self) -> list[tuple[tuple, str]]:
        """(location in the spec, service name) for everything that names a service."""
        return list(service_references(self.spec))

    def slo(self, service_name: str, objective: str):
        service = self.services.get(service_name)
        if service is None:
            return None
        return next((o for o in service.slos if o.name == objective), None)
