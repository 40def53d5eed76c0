"""SLO arithmetic: what objectives promise against what their dependencies allow."""

from __future__ import annotations

import itertools

import networkx as nx

from ..model import Severity, dependency, hit, service, slo
from ..registry import rule

WINDOW_MINUTES = {"m": 1, "h": 60, "d": 1440, "w": 10080}
EPSILON = 1e-12
MEASURED_BY = "tracing or a service mesh with metrics"
CHAIN_SHOWN = 12  # services of a chain named in a finding


def ratio(value: float) -> str:
    """0.998001 -> '0.998001': up to eight decimals, no trailing zeros."""
    return f"{value:.8f}".rstrip("0").rstrip(".")


def window_minutes(window: str) -> int:
    return int(window[:-1]) * WINDOW_MINUTES[window[-1]]


def ms(value: float) -> str:
    return f"{value:.10g} ms"


def latency_ms(objective) -> float:
    return objective.target * (1000 if objective.unit == "s" else 1)


def few(names: list[str], shown: int = 3) -> str:
    text = ", ".join(names[:shown])
    return text + (f" and {len(names) - shown} more" if len(names) > shown else "")


def acyclic_sync_order(ctx) -> tuple[list[str], dict[str, int]]:
    """Services callees first (a reverse topological order of the condensation of
    `ctx.sync_graph`) and each service's strongly connected component.

    Members of one component are contiguous and sorted. Tarjan's algorithm finds the
    components callees first; the order is checked and, should it not hold, taken
    from the condensation. Linear; computed once per context.
    """
    cached = ctx.__dict__.get("_acyclic_sync_order")
    if cached is None:
        graph = ctx.sync_graph
        components = [sorted(members) for members in nx.strongly_connected_components(graph)]
        component = {name: i for i, members in enumerate(components) for name in members}
        if any(component[callee] > component[caller] for caller, callee in graph.edges):
            condensed = nx.condensation(graph)
            components = [
                sorted(condensed.nodes[i]["members"])
                for i in reversed(list(nx.topological_sort(condensed)))
            ]
            component = {name: i for i, members in enumerate(components) for name in members}
        order = [name for members in components for name in members]
        cached = ctx.__dict__["_acyclic_sync_order"] = (order, component)
    return cached


class WorstPaths:
    """The worst chain of sync calls from every service, by one linear DP over the
    condensation DAG: the value of a chain combines `gain(callee)` over its callees.

    A cycle counts as one node: its members' calls out of the cycle are followed
    (from whichever member makes them), the calls around the cycle are skipped.
    """

    def __init__(self, ctx, gain, combine, identity):
        order, self.component = acyclic_sync_order(ctx)
        graph, component = ctx.sync_graph, self.component
        best: dict[int, float] = {}
        self.exits: dict[int, tuple[str, str]] = {}
        for name in order:
            here = component[name]
            current = best.get(here, identity)
            for callee in graph.successors(name):
                there = component[callee]
                if there != here:
                    value = combine(gain(callee), best[there])
                    if value > current:
                        current, self.exits[here] = value, (name, callee)
            best[here] = current
        self.best = best

    def value(self, name: str):
        return self.best[self.component[name]]

    def chain(self, start: str, limit: int = CHAIN_SHOWN) -> list[str]:
        """The first `limit` or so services of the worst chain from `start` (bounded, so
        that reporting stays linear); consecutive services that are not a call are
        joined around a cycle."""
        nodes = [start]
        while self.component[nodes[-1]] in self.exits and len(nodes) < limit:
            caller, callee = self.exits[self.component[nodes[-1]]]
            if caller != nodes[-1]:
                nodes.append(caller)
            nodes.append(callee)
        return nodes

    def last(self, start: str) -> str:
        """The service the worst chain from `start` ends at."""
        node = start
        while self.component[node] in self.exits:
            node = self.exits[self.component[node]][1]
        return node

    def continues(self, chain: list[str]) -> bool:
        """Whether the worst chain goes on after the services shown."""
        return self.component[chain[-1]] in self.exits

    def calls(self, chain: list[str]) -> list[tuple[str, str]]:
        """The calls of the chain that count (those out of a cycle, not around it)."""
        pairs = itertools.pairwise(chain)
        return [(a, b) for a, b in pairs if self.component[a] != self.component[b]]

    def joined(self, chain: list[str], label) -> str:
        """`a -> b ~> c`: `->` a call, `~>` reached around a cycle."""
        text = label(chain[0])
        for a, b in itertools.pairwise(chain):
            counted = self.component[a] != self.component[b]
            text += (" -> " if counted else " ~> ") + label(b)
        return text


@rule(
    "MS401",
    Severity.WARNING,
    "Availability target above what the sync dependencies allow",
    rationale="A service that needs every one of its sync callees to answer is at most "
    "as available as the product of their availabilities. Callees without an "
    "availability objective are assumed at `assumed_availability` (0.999 by default).",
    fix="Lower the target, raise the callees' objectives, or make calls asynchronous or "
    "optional (fallbacks, caches) so they stop being hard dependencies.",
    thresholds={
        "assumed_availability": (0.999, "Availability assumed for callees without an SLO.")
    },
)
def availability_ceiling(ctx, params):
    assumed = params["assumed_availability"]
    graph = ctx.sync_graph
    targets = {}
    for name in ctx.services:
        objective = ctx.slo(name, "availability")
        if objective is not None:
            targets[name] = objective.target
    for name in sorted(targets):
        chain, ceiling = [], 1.0
        for callee in sorted(graph.successors(name)):
            if callee == name:
                continue
            value = targets.get(callee, assumed)
            ceiling *= value
            chain.append((callee, value, callee not in targets))
        if not chain or ceiling >= targets[name] - EPSILON:
            continue
        listed = few(
            [f"{c} {ratio(v)}" + (" (assumed, no SLO)" if a else "") for c, v, a in chain], 10
        )
        yield hit(
            f"{name} targets {ratio(targets[name])} availability but its "
            f"{len(chain)} sync dependencies cap it at {ratio(ceiling)} ({listed}; services "
            f"without an availability SLO are assumed at {ratio(assumed)})",
            slo(name, "availability"),
            *(dependency(name, c) for c, _, _ in chain),
            ceiling=ceiling,
            target=targets[name],
            chain=[{"service": c, "availability": v, "assumed": a} for c, v, a in chain],
        )


@rule(
    "MS402",
    Severity.INFO,
    "Error budget per window",
    rationale="An availability objective is a budget of downtime: knowing it in minutes "
    "tells the team how much room deployments and incidents have.",
    fix="Nothing to fix: check that the budget matches how the team works.",
)
def error_budget(ctx, params):
    for name in sorted(ctx.services):
        objective = ctx.slo(name, "availability")
        if objective is None:
            continue
        minutes = round((1 - objective.target) * window_minutes(objective.window), 2)
        yield hit(
            f"{name}'s availability objective of {ratio(objective.target)} over "
            f"{objective.window} allows {minutes:g} minutes of downtime per window",
            slo(name, "availability"),
            budget_minutes=minutes,
        )


@rule(
    "MS403",
    Severity.WARNING,
    "Error-rate target inconsistent with availability",
    rationale="An error-rate target that tolerates more failed requests than the "
    "availability target (error_rate > 1 − availability) cannot both hold; a stricter "
    "error rate is fine.",
    fix="Make the error-rate target at most 1 − the availability target.",
)
def error_rate_vs_availability(ctx, params):
    for name in sorted(ctx.services):
        availability = ctx.slo(name, "availability")
        error_rate = ctx.slo(name, "error_rate")
        if availability is None or error_rate is None:
            continue
        allowed = 1 - availability.target
        if error_rate.target > allowed + EPSILON:
            yield hit(
                f"{name}'s error-rate target {ratio(error_rate.target)} allows more failures "
                f"than its availability target {ratio(availability.target)} "
                f"(at most {ratio(allowed)})",
                slo(name, "error_rate"),
                slo(name, "availability"),
            )


@rule(
    "MS404",
    Severity.WARNING,
    "Latency objective below the critical sync path",
    rationale="A sync call waits for its callees: a caller cannot answer within p99 "
    "faster than the sum of the latency objectives along its slowest chain of sync "
    "callees (a cycle counts as one service: the calls around it are skipped).",
    fix="Relax the caller's latency objective, tighten the callees', or take slow "
    "calls off the request path (async, caches, parallel calls).",
)
def latency_critical_path(ctx, params):
    own = {}
    for name in ctx.services:
        objective = ctx.slo(name, "latency_p99")
        if objective is not None:
            own[name] = latency_ms(objective)
    paths = WorstPaths(ctx, lambda name: own.get(name, 0.0), lambda a, b: a + b, 0.0)
    for name in sorted(own):
        needed = paths.value(name)
        if own[name] >= needed - EPSILON:
            continue
        chain = paths.chain(name)
        counted = paths.calls(chain)
        parts = [f"{b} {ms(own[b])}" for _, b in counted if b in own]
        if paths.continues(chain):
            parts.append("…")
        yield hit(
            f"{name}'s latency p99 objective of {ms(own[name])} is below the "
            f"{ms(needed)} its slowest sync chain needs: {' + '.join(parts)}",
            slo(name, "latency_p99"),
            *(dependency(a, b) for a, b in counted),
            objective_ms=own[name],
            path_ms=needed,
            chain=chain,
        )


@rule(
    "MS405",
    Severity.WARNING,
    "Metrics-based canary without SLOs",
    rationale="A metrics-based canary promotes or rolls back by comparing the canary "
    "against objectives; without availability, error-rate or latency objectives it has "
    "nothing to judge by.",
    fix="Define SLOs for the service, or turn off metrics_based.",
)
def canary_without_slos(ctx, params):
    for name, target in sorted(ctx.defined.items()):
        deployment = target.deployment
        canary = deployment.canary if deployment else None
        if canary and canary.metrics_based and not target.slos:
            yield hit(
                f"{name} deploys by a metrics-based canary (from {canary.initial_percentage}% "
                f"in steps of {canary.increment}%) but has no SLO to judge it by",
                service(name),
            )


@rule(
    "MS406",
    Severity.WARNING,
    "SLO that nothing measures",
    rationale="An objective needs measurements: without tracing on the service and "
    "without a service mesh that collects metrics, nobody knows whether it holds.",
    fix="Configure tracing on the service or enable metrics on the service mesh.",
)
def unmeasured_slos(ctx, params):
    mesh = ctx.spec.mesh
    if mesh is not None and mesh.observability.metrics:
        return
    for name, target in sorted(ctx.services.items()):
        if target.slos and target.tracing is None:
            names = [o.name for o in target.slos]
            yield hit(
                f"{name} has {len(names)} SLO(s) ({', '.join(names)}) but no {MEASURED_BY}",
                service(name),
                *(slo(name, n) for n in names),
            )
