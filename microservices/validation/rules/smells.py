"""Architecture smells: sync cycles and chains, wobbly calls, shared data, gateway, size.

After Taibi & Lenarduzzi's microservice bad smells and the smells microFreshener
detects. Everything here is linear in services and dependencies: strongly
connected components and a longest-path pass over the graph without its cycles.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from itertools import pairwise
from weakref import WeakKeyDictionary

import networkx as nx

from ..model import Severity, datastore, dependency, hit, service
from ..registry import rule

# Path prefixes that are not resources: `/api`, `/v2`.
VERSION = re.compile(r"v\d+")

_components: WeakKeyDictionary = WeakKeyDictionary()


def sync_components(ctx) -> list[set[str]]:
    """The strongly connected components of the sync graph, computed once per context."""
    if ctx not in _components:
        _components[ctx] = list(nx.strongly_connected_components(ctx.sync_graph))
    return _components[ctx]


def arrow(path: list[str]) -> str:
    return " -> ".join(path)


def path_subjects(path: list[str]):
    return [dependency(a, b) for a, b in pairwise(path)]


def cycle_through(graph: nx.DiGraph, start: str, members: set[str]) -> list[str]:
    """A shortest cycle start -> ... -> start that stays inside `members` (a BFS)."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(graph.successors(node)):
            if successor == start:
                path = [node]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if successor in members and successor not in parent:
                parent[successor] = node
                queue.append(successor)
    return [start, start]  # unreachable for a strongly connected component


@rule(
    "MS201",
    Severity.ERROR,
    "Cycle of synchronous calls",
    rationale="Services that call each other synchronously in a cycle cannot be deployed, "
    "scaled or fail independently: a slow member stalls every other, and a request can "
    "loop until it times out.",
    fix="Break the cycle: turn one call into an event (async), merge the services, or move "
    "the shared logic into a service both call.",
)
def sync_cycles(ctx, params):
    graph = ctx.sync_graph
    for members in sorted((c for c in sync_components(ctx) if len(c) > 1), key=min):
        path = cycle_through(graph, min(members), members)
        yield hit(
            f"{len(members)} services call each other synchronously in a cycle, "
            f"for example {arrow(path)}",
            *(service(name) for name in sorted(members)),
            *path_subjects(path),
            cycle=path,
            size=len(members),
        )


@rule(
    "MS202",
    Severity.WARNING,
    "Shared persistence",
    rationale="Services that share one datastore instance are coupled through its schema: "
    "neither can change its data model, scale or fail on its own.",
    fix="Give each service its own datastore and share data through APIs or events.",
)
def shared_persistence(ctx, params):
    users: dict[str, list[str]] = {}
    for name, svc in ctx.defined.items():
        if svc.datastore:
            users.setdefault(svc.datastore, []).append(name)
    for store, names in sorted(users.items()):
        if len(names) >= 2:
            names.sort()
            yield hit(
                f"Datastore {store} is shared by {len(names)} services: {', '.join(names)}",
                datastore(store),
                *(service(name) for name in names),
            )


@rule(
    "MS203",
    Severity.WARNING,
    "No API gateway",
    rationale="Without a gateway every client calls services directly: authentication, rate "
    "limiting and routing are repeated in each service and clients depend on the "
    "service layout.",
    fix="Add an API gateway and route the public endpoints through it.",
)
def no_api_gateway(ctx, params):
    if ctx.spec.gateways:
        return
    exposing = sorted(name for name, svc in ctx.defined.items() if svc.endpoints)
    if exposing:
        count = sum(len(ctx.defined[name].endpoints) for name in exposing)
        yield hit(
            f"The architecture has no API gateway, yet {len(exposing)} service(s) expose "
            f"{count} endpoint(s) that clients must call directly",
            *(service(name) for name in exposing),
        )


@rule(
    "MS204",
    Severity.WARNING,
    "Wobbly service interaction",
    rationale="A synchronous call with neither a timeout nor a circuit breaker waits as long "
    "as the callee hangs: one slow service exhausts its callers' threads and the failure "
    "cascades.",
    fix="Set timeout_ms on the dependency and define a circuit breaker for the callee.",
)
def wobbly_interactions(ctx, params):
    breakers = ctx.breakers
    unprotected = [
        pair
        for pair, dep in ctx.dependencies.items()
        if dep.mode == "sync" and dep.timeout_ms is None and pair[1] not in breakers
    ]
    for caller, callee in sorted(unprotected):
        yield hit(
            f"{caller} calls {callee} synchronously with no timeout and no circuit breaker "
            f"on {callee}",
            dependency(caller, callee),
            service(callee),
        )


def longest_chains(ctx) -> tuple[dict[str, int], Callable[[str], list[str]]]:
    """For each service, its longest sync path (in hops), ignoring edges inside cycles.

    Dropping the edges inside strongly connected components leaves a DAG (the
    condensation with its members spelt out); one pass from the sinks upwards
    (Kahn's order) gives every longest path, each a real chain of calls.
    """
    component = {}
    for index, members in enumerate(sync_components(ctx)):
        for name in members:
            component[name] = index
    calls: dict[str, list[str]] = {}
    called_by: dict[str, list[str]] = {name: [] for name in ctx.sync_graph}
    for node, successors in ctx.sync_graph.succ.items():
        outside = [s for s in successors if component[s] != component[node]]
        calls[node] = outside
        for successor in outside:
            called_by[successor].append(node)
    # Kahn's algorithm from the sinks upwards: a node is done once all its callees are.
    waiting = {node: len(outside) for node, outside in calls.items()}
    ready = [node for node, count in waiting.items() if count == 0]
    depth: dict[str, int] = {}
    following: dict[str, str | None] = {}
    while ready:
        node = ready.pop()
        best, best_depth = None, 0
        for successor in calls[node]:
            candidate = depth[successor] + 1
            if candidate > best_depth or (candidate == best_depth and successor < best):
                best, best_depth = successor, candidate
        depth[node], following[node] = best_depth, best
        for caller in called_by[node]:
            waiting[caller] -= 1
            if waiting[caller] == 0:
                ready.append(caller)

    def path_from(node: str) -> list[str]:
        path = [node]
        while following[path[-1]] is not None:
            path.append(following[path[-1]])
        return path

    return depth, path_from


@rule(
    "MS205",
    Severity.WARNING,
    "Deep synchronous chain",
    rationale="Every synchronous hop adds latency and multiplies the chance of failure; a "
    "request that crosses many services in a row is slow and fragile.",
    fix="Shorten the chain: make downstream steps asynchronous, cache or replicate data "
    "closer to the entry service, or merge services that always call each other.",
    thresholds={
        "max_depth": (4, "Longest allowed chain of synchronous hops from an entry service."),
        "max_findings": (20, "At most this many chains are reported, longest first."),
    },
)
def deep_sync_chains(ctx, params):
    graph = ctx.sync_graph
    depths, path_from = longest_chains(ctx)
    entries = [
        name
        for name in ctx.defined
        if graph.in_degree(name) == 0 and depths[name] > params["max_depth"]
    ]
    entries.sort(key=lambda name: (-depths[name], name))
    for name in entries[: int(params["max_findings"])]:
        path = path_from(name)
        yield hit(
            f"{name} starts a chain of {depths[name]} synchronous hops, over the limit of "
            f"{params['max_depth']}: {arrow(path)}",
            service(name),
            *path_subjects(path),
            path=path,
            depth=depths[name],
        )


def resource_of(path: str) -> str | None:
    """The top-level resource of a path: `/api/v1/orders/{id}` -> `orders`."""
    segments = [s for s in path.split("/") if s]
    while segments and (segments[0] == "api" or VERSION.fullmatch(segments[0])):
        segments.pop(0)
    return segments[0] if segments else None


@rule(
    "MS209",
    Severity.INFO,
    "Nano-service",
    rationale="A service with at most one responsibility, one endpoint and no events is too "
    "small to stand alone: it costs a deployment, a pipeline and network hops for very "
    "little behaviour.",
    fix="Merge it into the service it belongs with, or give it a whole capability.",
    thresholds={"max_responsibilities": (1, "At most this many responsibilities is nano.")},
)
def nano_services(ctx, params):
    limit = params["max_responsibilities"]
    for name, svc in sorted(ctx.defined.items()):
        if (
            len(svc.responsibilities) <= limit
            and len(svc.endpoints) <= 1
            and not svc.publishes
            and not svc.subscribes
        ):
            yield hit(
                f"{name} has {len(svc.responsibilities)} responsibility(ies), "
                f"{len(svc.endpoints)} endpoint(s) and no events",
                service(name),
            )


@rule(
    "MS210",
    Severity.WARNING,
    "Mega-service",
    rationale="A service with many responsibilities or an API over many resources is a "
    "monolith in disguise: teams queue behind each other to change and release it.",
    fix="Split it along its resources or responsibilities into services that each own one "
    "capability.",
    thresholds={
        "max_responsibilities": (8, "More responsibilities than this is mega."),
        "max_resources": (6, "More top-level path segments in the endpoints than this is mega."),
    },
)
def mega_services(ctx, params):
    for name, svc in sorted(ctx.defined.items()):
        resources = sorted({r for e in svc.endpoints if (r := resource_of(e.path))})
        reasons = []
        if len(svc.responsibilities) > params["max_responsibilities"]:
            reasons.append(
                f"{len(svc.responsibilities)} responsibilities "
                f"(limit {params['max_responsibilities']})"
            )
        if len(resources) > params["max_resources"]:
            reasons.append(
                f"endpoints over {len(resources)} resources (limit {params['max_resources']}: "
                f"{', '.join(resources)})"
            )
        if reasons:
            yield hit(f"{name} is too large: {' and '.join(reasons)}", service(name))
