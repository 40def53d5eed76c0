"""Resilience arithmetic: retries, timeouts, circuit breakers and health checks.

A retry policy or a circuit breaker on service X applies to every call into X.
"""

from __future__ import annotations

from ...spec.enums import CheckType, HttpMethod
from ..model import (
    Severity,
    circuit_breaker,
    dependency,
    endpoint,
    health_check,
    hit,
    retry_policy,
    service,
    slo,
)
from ..registry import rule
from .slos import WorstPaths, few, latency_ms, ms

NON_IDEMPOTENT = (HttpMethod.POST, HttpMethod.PATCH)


def attempts(ctx, name: str) -> int:
    policy = ctx.retries.get(name)
    return policy.max_attempts if policy else 1


def backoff_waits(policy) -> list[float]:
    """The waits between attempts: initial × multiplier^k, capped by max_backoff_ms."""
    waits, wait = [], float(policy.initial_backoff_ms)
    for _ in range(policy.max_attempts - 1):
        waits.append(min(wait, policy.max_backoff_ms))
        wait = min(wait * policy.backoff_multiplier, policy.max_backoff_ms)
    return waits


@rule(
    "MS301",
    Severity.WARNING,
    "Retry amplification along a sync path",
    rationale="Retries multiply along a chain of sync calls: three services that each "
    "retry three times turn one user request into 3 × 3 × 3 = 27 calls on the last one "
    "during an outage, which keeps it down.",
    fix="Retry at one layer only (usually the edge), lower max_attempts, or make the "
    "deeper calls asynchronous.",
    thresholds={"max_amplification": (10, "Most calls one request may cause on one service.")},
)
def retry_amplification(ctx, params):
    """Per entry service (no sync callers) the chain with the largest product of the
    attempts of its callees (a retry policy on X applies to every call into X)."""
    paths = WorstPaths(ctx, lambda name: attempts(ctx, name), lambda a, b: a * b, 1)
    limit = params["max_amplification"]
    graph = ctx.sync_graph
    entries = [n for n in ctx.services if graph.in_degree(n) == 0 and paths.value(n) > limit]
    entries.sort(key=lambda n: (-paths.value(n), n))
    for entry in entries[:20]:  # 20 walks to the end of a chain: linear
        factor, chain = paths.value(entry), paths.chain(entry)
        retried = {b for _, b in paths.calls(chain) if attempts(ctx, b) > 1}
        labels = {n: f"{n} ({attempts(ctx, n)} attempts)" if n in retried else n for n in chain}
        hops = paths.joined(chain, labels.__getitem__)
        more = paths.continues(chain)
        product = " × ".join(str(attempts(ctx, n)) for n in chain if n in retried)
        yield hit(
            f"One request into {entry} can cause {factor} calls on {paths.last(entry)}: "
            f"{hops}{' -> …' if more else ''} multiplies to {product}{' × …' if more else ''} "
            f"= {factor}, above {limit}",
            service(entry),
            *(dependency(a, b) for a, b in paths.calls(chain)),
            factor=factor,
            chain=chain,
        )


@rule(
    "MS302",
    Severity.WARNING,
    "Worst-case retry delay exceeds the caller's latency objective",
    rationale="Before the last attempt a caller sleeps through every backoff "
    "(initial_backoff_ms × backoff_multiplier^k, each capped by max_backoff_ms); when "
    "that alone exceeds the caller's latency p99 objective, every retried request "
    "breaks the objective.",
    fix="Lower initial_backoff_ms, backoff_multiplier or max_attempts, or relax the "
    "caller's latency objective.",
)
def retry_delay(ctx, params):
    for name, policy in sorted(ctx.retries.items()):
        waits = backoff_waits(policy)
        delay = sum(waits)
        if name not in ctx.sync_graph or not waits:
            continue
        for caller in sorted(ctx.sync_graph.predecessors(name)):
            objective = ctx.slo(caller, "latency_p99")
            if objective is None or delay <= latency_ms(objective):
                continue
            shown = [f"{w:.10g}" for w in waits[:6]] + (["…"] if len(waits) > 6 else [])
            yield hit(
                f"Retries of {name} wait {' + '.join(shown)} = "
                f"{ms(delay)} over {policy.max_attempts} attempts, more than {caller}'s "
                f"latency p99 objective of {ms(latency_ms(objective))}",
                retry_policy(name),
                slo(caller, "latency_p99"),
                dependency(caller, name),
                delay_ms=delay,
                objective_ms=latency_ms(objective),
            )


@rule(
    "MS303",
    Severity.WARNING,
    "Retries without a circuit breaker",
    rationale="Retrying a service that is down multiplies the load on it; a circuit "
    "breaker stops the retries once failures pile up.",
    fix="Define a circuit breaker on the same service as the retry policy.",
)
def retries_without_breaker(ctx, params):
    for name, policy in sorted(ctx.retries.items()):
        if name not in ctx.breakers:
            yield hit(
                f"Calls into {name} are retried up to {policy.max_attempts} times "
                f"but {name} has no circuit breaker",
                retry_policy(name),
                service(name),
            )


@rule(
    "MS304",
    Severity.WARNING,
    "Caller's timeout shorter than the callee's downstream budget",
    rationale="When a caller gives up before the callee could have answered, the callee's "
    "own retries and waits are wasted work and the caller sees a timeout instead of "
    "the answer or a meaningful error.",
    fix="Raise the caller's timeout_ms above the callee's budget, or shorten the "
    "callee's own timeouts and retries.",
)
def timeout_below_budget(ctx, params):
    """Caller A → X (sync, timeout_ms set) where X calls on synchronously with timeouts.

    X's budget on a callee Y is `timeout(X → Y) × attempts(Y) + the backoff waits of
    Y's retry policy` (attempts 1 and no waits without a policy); X's downstream
    budget is the largest over its sync callees Y with a timeout. A finding when A's
    timeout into X is shorter than that budget: A gives up before X can answer.
    """
    budgets: dict[str, tuple[float, str, str]] = {}
    for (caller, callee), dep in ctx.dependencies.items():
        if dep.mode != "sync" or dep.timeout_ms is None:
            continue
        policy = ctx.retries.get(callee)
        tries = policy.max_attempts if policy else 1
        waits = sum(backoff_waits(policy)) if policy else 0
        budget = dep.timeout_ms * tries + waits
        if budget > budgets.get(caller, (0,))[0]:
            text = f"{tries} × {ms(dep.timeout_ms)}" + (f" + {ms(waits)} backoff" if waits else "")
            budgets[caller] = (budget, callee, text)
    for (caller, callee), dep in sorted(ctx.dependencies.items()):
        if dep.mode != "sync" or dep.timeout_ms is None or callee not in budgets:
            continue
        budget, downstream, text = budgets[callee]
        if dep.timeout_ms < budget:
            yield hit(
                f"{caller} gives up on {callee} after {ms(dep.timeout_ms)}, but {callee} may "
                f"spend {text} = {ms(budget)} on {downstream}",
                dependency(caller, callee),
                dependency(callee, downstream),
                timeout_ms=dep.timeout_ms,
                budget_ms=budget,
            )


@rule(
    "MS305",
    Severity.WARNING,
    "Retried non-idempotent endpoints",
    rationale="A retry after a timeout may repeat a POST or PATCH that already took "
    "effect: a second order, a second charge.",
    fix="Make the endpoints idempotent (idempotency keys) or do not retry the service.",
)
def retried_non_idempotent(ctx, params):
    for name, policy in sorted(ctx.retries.items()):
        target = ctx.services.get(name)
        unsafe = [
            (e.path, m)
            for e in (target.endpoints if target else ())
            for m in e.methods
            if m in NON_IDEMPOTENT
        ]
        if unsafe:
            listed = few([f"{m} {path}" for path, m in unsafe])
            yield hit(
                f"Calls into {name} are retried up to {policy.max_attempts} times but it "
                f"exposes {len(unsafe)} non-idempotent endpoint method(s): {listed}",
                retry_policy(name),
                *dict.fromkeys(endpoint(name, path) for path, _ in unsafe),
            )


@rule(
    "MS306",
    Severity.WARNING,
    "Circuit breaker resets faster than health checks run",
    rationale="A breaker that half-opens before the next health check probes a service "
    "nobody has seen recover, and trips again.",
    fix="Make reset_timeout_seconds at least the health-check interval, or check more often.",
)
def breaker_faster_than_checks(ctx, params):
    for name, breaker in sorted(ctx.breakers.items()):
        target = ctx.services.get(name)
        checks = {c.type: c for c in (target.health_checks if target else ())}
        check = checks.get(CheckType.READINESS) or checks.get(CheckType.LIVENESS)
        if check and breaker.reset_timeout_seconds < check.interval_seconds:
            yield hit(
                f"The circuit breaker on {name} resets after {breaker.reset_timeout_seconds} s "
                f"but {name}'s {check.type} check runs every {check.interval_seconds} s",
                circuit_breaker(name),
                health_check(name, check.type),
            )


@rule(
    "MS307",
    Severity.WARNING,
    "Traffic without a readiness check",
    rationale="Without a readiness check, gateways and callers send requests to "
    "instances that are still starting or are overloaded.",
    fix="Add a readiness health check to the service.",
)
def missing_readiness(ctx, params):
    """Defined services (placeholders are MS101's) routed by a gateway or called sync."""
    graph = ctx.sync_graph
    for name, target in sorted(ctx.defined.items()):
        if any(c.type == CheckType.READINESS for c in target.health_checks):
            continue
        callers = sorted(graph.predecessors(name))
        routes = [f"{gw} {path}" for gw, path in ctx.routed.get(name, ())]
        if not callers and not routes:
            continue
        sources = []
        if routes:
            sources.append(f"gateway route(s) {few(routes)}")
        if callers:
            sources.append(f"{len(callers)} sync caller(s) {few(callers)}")
        yield hit(
            f"{name} receives traffic from {' and '.join(sources)} but has no readiness check",
            service(name),
        )
