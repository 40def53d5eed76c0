"""Coupling smells: hubs, chatty services, two-way calls, coupled domains, idle events.

After Taibi & Lenarduzzi's microservice bad smells and the smells microFreshener
detects. Each rule is one pass over the dependencies or the events.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Severity, dependency, domain, event, hit, service
from ..registry import rule

# Technology keys that name a service-discovery layer when the spec has no mesh.
DISCOVERY_KEYS = ("service_discovery", "discovery")


@rule(
    "MS206",
    Severity.WARNING,
    "Hub service",
    rationale="A service that very many others call is a single point of failure and a "
    "bottleneck: every change to it ripples to all its callers.",
    fix="Split it by caller need, replicate its data to callers through events, or put a "
    "cache in front of it.",
    thresholds={"max_callers": (10, "More distinct callers (sync or async) than this is a hub.")},
)
def hub_services(ctx, params):
    for name, callers in sorted(ctx.callers.items()):
        if len(callers) > params["max_callers"]:
            yield hit(
                f"{name} is called by {len(callers)} services, over the limit of "
                f"{params['max_callers']}",
                service(name),
                callers=sorted(callers),
            )


@rule(
    "MS207",
    Severity.WARNING,
    "Chatty service",
    rationale="A service that calls very many others depends on all of them: it is slow, "
    "fails whenever any of them fails and hides a missing aggregate or workflow.",
    fix="Move the orchestration into events or a saga, or merge the data it keeps fetching.",
    thresholds={"max_calls": (8, "Calling more services (sync or async) than this is chatty.")},
)
def chatty_services(ctx, params):
    for name, svc in sorted(ctx.defined.items()):
        callees = sorted({dep.service for dep in svc.dependencies})
        if len(callees) > params["max_calls"]:
            yield hit(
                f"{name} calls {len(callees)} services, over the limit of {params['max_calls']}",
                service(name),
                callees=callees,
            )


@rule(
    "MS208",
    Severity.WARNING,
    "Bidirectional dependency",
    rationale="Two services that call each other cannot be changed or released separately: "
    "they are one service split in two.",
    fix="Make one direction an event, or merge the two services.",
)
def bidirectional_dependencies(ctx, params):
    deps = ctx.dependencies
    for (a, b), there in sorted(deps.items()):
        back = deps.get((b, a))
        if back is None or a >= b:
            continue
        yield hit(
            f"{a} and {b} call each other ({a} -> {b} {there.mode}, {b} -> {a} {back.mode})",
            service(a),
            service(b),
            dependency(a, b),
            dependency(b, a),
        )


@rule(
    "MS211",
    Severity.WARNING,
    "Cross-domain synchronous coupling",
    rationale="Many synchronous calls from one bounded context into another tie their "
    "availability and release cycles together: the boundary is in the wrong place or "
    "the contexts should talk through events.",
    fix="Replace the calls with events the other context publishes, or move the boundary.",
    thresholds={
        "max_calls": (3, "More sync calls from one domain into another than this is coupled.")
    },
)
def cross_domain_coupling(ctx, params):
    services = ctx.services
    calls: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (caller, callee), dep in ctx.dependencies.items():
        source, target = services[caller].domain, services[callee].domain
        if dep.mode == "sync" and source and target and source != target:
            calls[source, target].append((caller, callee))
    for (source, target), pairs in sorted(calls.items()):
        if len(pairs) > params["max_calls"]:
            pairs.sort()
            yield hit(
                f"Domain {source} makes {len(pairs)} synchronous calls into domain {target}, "
                f"over the limit of {params['max_calls']}",
                domain(source),
                domain(target),
                calls=[f"{a}->{b}" for a, b in pairs],
            )


@rule(
    "MS212",
    Severity.WARNING,
    "Event never consumed",
    rationale="An event nobody subscribes to is work and broker traffic for nothing, or a "
    "sign that the consumer was forgotten or subscribes under another name.",
    fix="Subscribe the service that needs it (check the spelling), or stop publishing it.",
)
def unconsumed_events(ctx, params):
    publishers: dict[str, list[str]] = defaultdict(list)
    for svc in ctx.spec.services:
        for published in svc.publishes:
            publishers[published.event].append(svc.name)
    subscribed = ctx.subscribers
    for name, sources in sorted(publishers.items()):
        if name not in subscribed:
            sources = sorted(set(sources))
            yield hit(
                f"{name} is published by {', '.join(sources)} but no service subscribes to it",
                event(name),
                *(service(source) for source in sources),
            )


@rule(
    "MS213",
    Severity.WARNING,
    "Endpoint-based interaction",
    rationale="Without a service mesh or service discovery, callers address each other's "
    "endpoints directly: moving, scaling or replacing a service breaks its callers.",
    fix="Add a service mesh (or a discovery service, technologies.service_discovery) and "
    "call services by name.",
)
def endpoint_based_interaction(ctx, params):
    if ctx.spec.mesh is not None:
        return
    if any(key in svc.technologies for svc in ctx.defined.values() for key in DISCOVERY_KEYS):
        return
    callers = Counter(caller for (caller, _), dep in ctx.dependencies.items() if dep.mode == "sync")
    if callers:
        yield hit(
            f"{sum(callers.values())} synchronous call(s) from {len(callers)} service(s) "
            "address endpoints directly: the architecture has no service mesh or discovery",
            *(service(name) for name in sorted(callers)),
            calls=sum(callers.values()),
        )
