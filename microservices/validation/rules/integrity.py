"""Integrity: what the spec names but does not define, and what cannot work as written."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import (
    Severity,
    circuit_breaker,
    dependency,
    endpoint,
    event,
    gateway,
    health_check,
    hit,
    retry_policy,
    route,
    saga_step,
    service,
)
from ..registry import rule

_PARAMETER = re.compile(r"\{[^{}]*\}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def path_shape(path: str) -> tuple[str, ...]:
    """The segments of a path template with every parameter name erased.

    `/orders/{id}` and `/orders/{order_id}/` both give ("orders", "{}"): they match
    the same requests.
    """
    stripped = path.strip("/")
    if not stripped:
        return ()
    return tuple(_PARAMETER.sub("{}", segment) for segment in stripped.split("/"))


def template_problems(path: str) -> list[str]:
    """What is wrong with a path template, in words; empty when it is well formed."""
    if "{" not in path and "}" not in path and "//" not in path:
        return []
    problems: list[str] = []
    if "//" in path:
        problems.append("an empty segment ('//')")
    names: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(path):
        if char == "{":
            if depth:
                problems.append("a '{' inside a parameter")
            depth += 1
            start = index + 1
        elif char == "}":
            if not depth:
                problems.append("a '}' without its '{'")
                continue
            depth -= 1
            if not depth:
                names.append(path[start:index])
    if depth:
        problems.append("a '{' that is never closed")
    if "" in names:
        problems.append("an empty parameter '{}'")
    problems.extend(
        f"parameter {{{name}}} whose name is not an identifier"
        for name in names
        if name and not _IDENTIFIER.fullmatch(name)
    )
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            problems.append(f"parameter {{{name}}} twice")
        seen.add(name)
    return list(dict.fromkeys(problems))


@rule(
    "MS101",
    Severity.ERROR,
    "Placeholder service",
    rationale="A service that is referenced but never defined has no owner, endpoints or "
    "deployment: whatever relies on it cannot be built or checked.",
    fix="Define the service (domain, owner, endpoints), or remove what references it.",
)
def placeholder_services(ctx, params):
    if not ctx.placeholders:
        return
    uses = Counter(referenced for _, referenced in ctx.references)
    for name in sorted(ctx.placeholders):
        yield hit(f"{name} is referenced {uses[name]} time(s) but never defined", service(name))


@rule(
    "MS102",
    Severity.ERROR,
    "Reference to a placeholder service",
    rationale="A route, call, saga step, resilience policy or token issuer that points at an "
    "undefined service points at nothing that can be deployed: it fails at run time.",
    fix="Define the referenced service, or point the reference at a defined service.",
)
def references_to_placeholders(ctx, params):
    missing = ctx.placeholders
    if not missing:
        return
    spec = ctx.spec
    for caller in spec.services:
        for dep in caller.dependencies:
            if dep.service in missing:
                yield hit(
                    f"{caller.name} calls {dep.service} ({dep.mode}), which is a placeholder",
                    dependency(caller.name, dep.service),
                    service(dep.service),
                )
    for gw in spec.gateways:
        for r in gw.routes:
            if r.service in missing:
                yield hit(
                    f"{gw.name} routes {r.path} to {r.service}, which is a placeholder",
                    route(gw.name, r.path),
                    service(r.service),
                )
        issuer = gw.authentication.issuer if gw.authentication else ""
        if issuer in missing:
            yield hit(
                f"{gw.name} trusts tokens issued by {issuer}, which is a placeholder",
                gateway(gw.name),
                service(issuer),
            )
    for breaker in spec.circuit_breakers:
        if breaker.service in missing:
            yield hit(
                f"The circuit breaker on {breaker.service} protects calls into a placeholder",
                circuit_breaker(breaker.service),
                service(breaker.service),
            )
    for policy in spec.retry_policies:
        if policy.service in missing:
            yield hit(
                f"The retry policy on {policy.service} retries calls into a placeholder",
                retry_policy(policy.service),
                service(policy.service),
            )
    for saga in spec.sagas:
        for step in saga.steps:
            if step.service in missing:
                yield hit(
                    f"Saga {saga.name} step {step.name} runs {step.action} on {step.service}, "
                    "which is a placeholder",
                    saga_step(saga.name, step.name),
                    service(step.service),
                )


@rule(
    "MS103",
    Severity.WARNING,
    "Gateway routes collide or shadow each other",
    rationale="A gateway matches routes in order: a route whose paths an earlier route of the "
    "same gateway already matches (the same template, or a prefix of it) never receives traffic.",
    fix="Remove the unreachable route, or list the more specific route first.",
)
def colliding_routes(ctx, params):
    for gw in ctx.spec.gateways:
        earlier: dict[tuple[str, ...], str] = {}
        for r in gw.routes:
            shape = path_shape(r.path)
            same = earlier.get(shape)
            if same is not None:
                yield hit(
                    f"{gw.name} routes {r.path} and {same} match the same paths, so {r.path} "
                    "never matches",
                    route(gw.name, r.path),
                    route(gw.name, same),
                    gateway(gw.name),
                )
                continue
            prefix = next(
                (earlier[shape[:n]] for n in range(len(shape)) if shape[:n] in earlier), None
            )
            if prefix is not None:
                yield hit(
                    f"{gw.name} route {r.path} never matches: {prefix}, listed before it, "
                    "already matches every path under it",
                    route(gw.name, r.path),
                    route(gw.name, prefix),
                    gateway(gw.name),
                )
            earlier.setdefault(shape, r.path)


@rule(
    "MS104",
    Severity.WARNING,
    "Duplicate endpoints",
    rationale="Endpoints of one service that differ only by their parameter names match the "
    "same requests: the service cannot tell them apart.",
    fix="Merge the endpoints into one template, or give them distinct literal segments.",
)
def duplicate_endpoints(ctx, params):
    for svc in ctx.defined.values():
        if len(svc.endpoints) < 2:
            continue
        by_shape: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for ep in svc.endpoints:
            by_shape[path_shape(ep.path)].append(ep.path)
        for paths in by_shape.values():
            if len(paths) > 1:
                yield hit(
                    f"{svc.name} endpoints {' and '.join(paths)} match the same requests",
                    *(endpoint(svc.name, path) for path in paths),
                    service(svc.name),
                )


def _malformed(where: str, path: str, *subjects):
    problems = template_problems(path)
    if problems:
        yield hit(
            f"{where} {path} is malformed: it has {', '.join(problems)}", *subjects, path=path
        )


@rule(
    "MS105",
    Severity.ERROR,
    "Malformed path template",
    rationale="A path template with unbalanced braces, an empty or unnamed parameter, a "
    "parameter twice or an empty segment matches nothing a client sends, or not what was meant.",
    fix="Write the path as literal segments and {identifier} parameters, each name once.",
)
def malformed_paths(ctx, params):
    for svc in ctx.defined.values():
        for ep in svc.endpoints:
            yield from _malformed(
                f"{svc.name} endpoint", ep.path, endpoint(svc.name, ep.path), service(svc.name)
            )
        for check in svc.health_checks:
            yield from _malformed(
                f"{svc.name} {check.type} check endpoint",
                check.endpoint,
                health_check(svc.name, check.type),
                service(svc.name),
            )
    for gw in ctx.spec.gateways:
        for r in gw.routes:
            yield from _malformed(
                f"{gw.name} route", r.path, route(gw.name, r.path), gateway(gw.name)
            )


@rule(
    "MS106",
    Severity.WARNING,
    "Health check on an undeclared endpoint",
    rationale="A probe on a path the service does not declare fails, or checks something the "
    "design does not know about; the orchestrator then restarts or drains a healthy service.",
    fix="Declare the health endpoint among the service's endpoints, or probe one it has.",
)
def health_checks_on_undeclared_endpoints(ctx, params):
    for svc in ctx.defined.values():
        if not svc.endpoints or not svc.health_checks:
            continue
        shapes = {path_shape(ep.path) for ep in svc.endpoints}
        for check in svc.health_checks:
            if path_shape(check.endpoint) not in shapes:
                yield hit(
                    f"{svc.name} {check.type} check probes {check.endpoint}, which is not one "
                    "of its endpoints",
                    health_check(svc.name, check.type),
                    service(svc.name),
                )


@rule(
    "MS107",
    Severity.WARNING,
    "Subscription to an event nobody publishes",
    rationale="A subscriber waits for an event that no service of the architecture publishes: "
    "the behaviour it drives never happens.",
    fix="Declare the event on the service that publishes it, or drop the subscription.",
)
def dangling_subscriptions(ctx, params):
    publishers = ctx.publishers
    for name, subscribers in sorted(ctx.subscribers.items()):
        if name in publishers:
            continue
        for subscriber in sorted(subscribers):
            yield hit(
                f"{subscriber} subscribes to {name}, which no service publishes",
                service(subscriber),
                event(name),
            )


@rule(
    "MS108",
    Severity.WARNING,
    "Gateway without routes",
    rationale="A gateway with no routes forwards nothing: clients that use it reach no service.",
    fix="Add the routes the gateway should serve, or remove the gateway.",
)
def gateways_without_routes(ctx, params):
    for gw in ctx.spec.gateways:
        if not gw.routes:
            yield hit(f"{gw.name} has no routes", gateway(gw.name))
