"""Sagas: whether each saga can actually undo, or finish, what it started.

Two checks live elsewhere: steps on placeholder services are MS102 (integrity), and
duplicate step names never reach validation, since the spec model refuses them.
"""

from __future__ import annotations

from ..model import Severity, dependency, hit, saga, saga_step, service
from ..registry import rule

# Technology keys that say a service keeps state of its own.
_PERSISTENCE_KEYS = ("database", "datastore", "db", "storage")


def keeps_state(svc) -> bool:
    """Whether a service has data a saga could leave inconsistent."""
    return bool(
        svc.datastore
        or svc.event_sourcing
        or any(key in svc.technologies for key in _PERSISTENCE_KEYS)
    )


@rule(
    "MS501",
    Severity.ERROR,
    "Compensatable step after the pivot",
    rationale="A step without compensation is the saga's pivot: once it commits, the saga must "
    "run forward to the end. A later step that has a compensation is expected to fail and roll "
    "back, but the rollback cannot undo the pivot, so the saga ends half done.",
    fix="Order the steps compensatable first, then the single pivot, then retriable steps "
    "(no compensation), or give the earlier step a compensation.",
)
def compensation_after_pivot(ctx, params):
    for sg in ctx.spec.sagas:
        pivot = None
        for step in sg.steps:
            if not step.compensation:
                pivot = step
            elif pivot is not None:
                yield hit(
                    f"Saga {sg.name} step {step.name} has compensation {step.compensation}, "
                    f"but runs after step {pivot.name}, which cannot be undone",
                    saga_step(sg.name, step.name),
                    saga_step(sg.name, pivot.name),
                )


@rule(
    "MS502",
    Severity.WARNING,
    "Compensation equal to the action",
    rationale="A compensation undoes its action; running the action again repeats it instead.",
    fix="Name the operation that reverses the action (cancel_order for create_order).",
)
def compensation_repeats_action(ctx, params):
    for sg in ctx.spec.sagas:
        for step in sg.steps:
            if step.compensation and step.compensation == step.action:
                yield hit(
                    f"Saga {sg.name} step {step.name} compensates {step.action} by running "
                    f"{step.action} again",
                    saga_step(sg.name, step.name),
                )


@rule(
    "MS503",
    Severity.WARNING,
    "Saga with fewer than two steps",
    rationale="A saga coordinates several local transactions; with one step or none it is a "
    "local transaction carrying the cost of a coordinator.",
    fix="Add the steps the saga coordinates, or replace it with a local transaction.",
)
def short_sagas(ctx, params):
    for sg in ctx.spec.sagas:
        if len(sg.steps) < 2:
            yield hit(f"Saga {sg.name} has {len(sg.steps)} step(s)", saga(sg.name))


@rule(
    "MS504",
    Severity.WARNING,
    "Saga over stateless services",
    rationale="A saga keeps the data of several services consistent; when none of the defined "
    "services it spans has a datastore, there is nothing for it to keep consistent.",
    fix="Give the services their datastores (datastore, or a database technology), or drop "
    "the saga.",
)
def sagas_without_state(ctx, params):
    services = ctx.services
    for sg in ctx.spec.sagas:
        spanned = list(dict.fromkeys(step.service for step in sg.steps))
        known = [services[name] for name in spanned if not services[name].placeholder]
        if known and not any(keeps_state(svc) for svc in known):
            names = ", ".join(svc.name for svc in known)
            yield hit(
                f"Saga {sg.name} spans {names}, none of which has a datastore",
                saga(sg.name),
                *(service(svc.name) for svc in known),
            )


@rule(
    "MS505",
    Severity.WARNING,
    "Parallel compensation over dependent steps",
    rationale="Compensations that run in parallel run in no particular order; when one step's "
    "service calls another's, undoing the callee first can break the caller's compensation.",
    fix="Use sequential compensation, or remove the dependency between the step services.",
)
def parallel_compensation_of_dependent_steps(ctx, params):
    services = ctx.services
    for sg in ctx.spec.sagas:
        if sg.compensation_strategy != "parallel":
            continue
        first_step: dict[str, str] = {}
        for step in sg.steps:
            if step.compensation:
                first_step.setdefault(step.service, step.name)
        for caller, caller_step in first_step.items():
            for dep in services[caller].dependencies:
                callee_step = first_step.get(dep.service)
                if callee_step is None or dep.service == caller:
                    continue
                yield hit(
                    f"Saga {sg.name} compensates steps {caller_step} and {callee_step} in "
                    f"parallel, but {caller} calls {dep.service} ({dep.mode})",
                    saga_step(sg.name, caller_step),
                    saga_step(sg.name, callee_step),
                    dependency(caller, dep.service),
                )


@rule(
    "MS506",
    Severity.INFO,
    "Consecutive steps on one service",
    rationale="Two steps in a row on the same service can usually be one local transaction, "
    "which is atomic and needs no compensation between them.",
    fix="Merge the two steps into one local transaction of the service.",
)
def consecutive_steps_on_one_service(ctx, params):
    for sg in ctx.spec.sagas:
        for before, after in zip(sg.steps, sg.steps[1:], strict=False):
            if before.service == after.service:
                yield hit(
                    f"Saga {sg.name} steps {before.name} and {after.name} both run on "
                    f"{after.service}",
                    saga_step(sg.name, before.name),
                    saga_step(sg.name, after.name),
                    service(after.service),
                )
