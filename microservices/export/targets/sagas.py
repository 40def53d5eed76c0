"""Sagas: per saga an Amazon States Language state machine and a runbook.

`<saga>.asl.json` orchestrates the steps and their compensations (see
`saga_machine`); `<saga>.md` tells an operator, in words, what runs when all goes
well and what is undone after each step that can fail.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...spec.enums import CompensationStrategy
from ...spec.model import Saga, SagaStep
from ..context import ExportContext
from ..registry import OutputFile, exporter
from ..saga_machine import (
    COMPENSATION_RETRY,
    TARGET,
    compensations_after,
    state_machine,
)


def _call(ctx: ExportContext, step: SagaStep, operation: str) -> str:
    placeholder = " (a placeholder: not defined yet)" if step.service in ctx.placeholders else ""
    return f"`{step.service}`{placeholder} runs `{operation}`"


def _happy_path(ctx: ExportContext, saga: Saga) -> list[str]:
    lines = ["## Happy path", ""]
    if not saga.steps:
        return [*lines, "The saga has no steps: it succeeds at once.", ""]
    for number, step in enumerate(saga.steps, start=1):
        notes = [f"undone by `{step.compensation}`" if step.compensation else "no compensation"]
        policy = ctx.retry_of.get(step.service)
        if policy is not None and policy.max_attempts > 1:
            notes.append(f"up to {policy.max_attempts} attempts, per {step.service}'s retry policy")
        lines.append(
            f"{number}. **{step.name}**: {_call(ctx, step, step.action)} ({'; '.join(notes)})."
        )
    return [*lines, "", f"The saga succeeds when **{saga.steps[-1].name}** completes.", ""]


def _after_failure(ctx: ExportContext, saga: Saga, index: int) -> list[str]:
    failed = saga.steps[index]
    lines = [f"### {failed.name} fails", ""]
    done = compensations_after(saga, index)
    skipped = [step.name for step in saga.steps[:index] if not step.compensation]
    if not done:
        lines.append(
            "Nothing done before it can be undone: the saga ends as failed (`SagaFailed`)."
        )
    else:
        if saga.compensation_strategy == CompensationStrategy.PARALLEL:
            lines += ["Undo these at the same time:", ""]
            lines += [
                f"- {_call(ctx, step, step.compensation)} (undoes **{step.name}**)" for step in done
            ]
        else:
            lines += ["Undo these one after another, in this order:", ""]
            lines += [
                f"{number}. {_call(ctx, step, step.compensation)} (undoes **{step.name}**)"
                for number, step in enumerate(done, start=1)
            ]
        lines += ["", "Then the saga ends as failed (`SagaFailed`)."]
    if skipped:
        names = ", ".join(f"**{name}**" for name in skipped)
        lines += ["", f"No compensation is defined for {names}: its effects stay."]
    return [*lines, ""]


def runbook(ctx: ExportContext, saga: Saga) -> str:
    strategy = saga.compensation_strategy
    how = (
        "all at once"
        if strategy == CompensationStrategy.PARALLEL
        else "newest first, one at a time"
    )
    lines = [f"# Saga `{saga.name}`", ""]
    if saga.description:
        lines += [saga.description, ""]
    lines += [
        f"Compensation strategy: **{strategy}**: after a failure, the steps already done are "
        f"undone {how}. The failing step itself is not undone: it did not complete, so its "
        "action must leave nothing behind when it fails.",
        f"State machine: `{saga.name}.asl.json`.",
        "",
        *_happy_path(ctx, saga),
        "## When a step fails",
        "",
    ]
    for index in range(len(saga.steps)):
        lines += _after_failure(ctx, saga, index)
    attempts = COMPENSATION_RETRY["MaxAttempts"]
    lines += [
        "## When a compensation fails",
        "",
        f"Each compensation is retried {attempts} times with a growing pause. If it still fails "
        "the execution ends in `CompensationFailed`: the system is left half undone. Find the "
        "failed state in the execution history, repair its cause, run the remaining "
        "compensations listed above by hand, and record what was done.",
        "",
    ]
    return "\n".join(lines)


@exporter(
    TARGET,
    title="Saga orchestration",
    description=(
        "Per saga an Amazon States Language state machine (a Task per step, Catch to the "
        "compensations in the saga's strategy) and a markdown runbook."
    ),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    for saga in ctx.spec.sagas:
        yield OutputFile(f"{saga.name}.asl.json", lambda saga=saga: state_machine(ctx, saga))
        yield OutputFile(f"{saga.name}.md", lambda saga=saga: runbook(ctx, saga))
