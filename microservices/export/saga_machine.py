"""A saga as an Amazon States Language state machine.

A Task per step, in order. Each step's Catch leads to the compensations of the
steps already done — newest first, one after another (`sequential`) or all at
once in a Parallel state (`parallel`) — and then to a Fail state. The failing
step itself is not compensated: it did not complete. Steps without a
compensation are skipped. Compensations are retried; one that still fails ends
the execution in `CompensationFailed`, for a person to repair.
"""

from __future__ import annotations

import math
from typing import Any

from ..spec.enums import CompensationStrategy
from ..spec.model import Saga, SagaStep
from .context import ExportContext
from .formats import header_lines

TARGET = "sagas"
SUCCEEDED = "Saga succeeded"
FAILED = "Saga failed"
COMPENSATION_FAILED = "Compensation failed"
# Compensations must eventually succeed; the design gives no policy for them.
COMPENSATION_RETRY = {
    "ErrorEquals": ["States.ALL"],
    "IntervalSeconds": 2,
    "MaxAttempts": 5,
    "BackoffRate": 2.0,
}
RESOURCE = "arn:aws:states:${{Region}}:${{AccountId}}:activity:{service}-{action}"


def compensations_after(saga: Saga, failed: int) -> list[SagaStep]:
    """The steps to undo when step number `failed` (0-based) fails, newest first."""
    return [step for step in reversed(saga.steps[:failed]) if step.compensation]


def compensation_state(step: SagaStep) -> str:
    return f"Compensate {step.name}"


def parallel_state(step: SagaStep) -> str:
    return f"Compensate after {step.name} failed"


def branch_state(done: SagaStep, failed: SagaStep) -> str:
    # State names are unique across the whole machine, branches included.
    return f"Compensate {done.name} after {failed.name} failed"


def _resource(ctx: ExportContext, service: str, action: str) -> str:
    ctx.note(
        TARGET,
        "Task resources are Step Functions activity ARNs with `${Region}` and `${AccountId}` "
        "definition substitutions (`activity:<service>-<action>`): run an activity worker in "
        "each service, or replace them with Lambda or HTTP tasks.",
    )
    return RESOURCE.format(service=service, action=action)


def _result_path(step: SagaStep) -> str:
    return f"$.results.{step.name.replace('-', '_')}"


def _step_retry(ctx: ExportContext, step: SagaStep) -> list[dict[str, Any]]:
    """The retry policy of the step's service, in ASL terms (attempts after the first)."""
    policy = ctx.retry_of.get(step.service)
    if policy is None or policy.max_attempts < 2:
        return []
    return [
        {
            "ErrorEquals": ["States.ALL"],
            "IntervalSeconds": max(1, math.ceil(policy.initial_backoff_ms / 1000)),
            "MaxAttempts": policy.max_attempts - 1,
            "BackoffRate": float(policy.backoff_multiplier),
            "MaxDelaySeconds": max(1, math.ceil(policy.max_backoff_ms / 1000)),
        }
    ]


def _catch(next_state: str, result_path: str = "$.error") -> list[dict[str, Any]]:
    return [{"ErrorEquals": ["States.ALL"], "ResultPath": result_path, "Next": next_state}]


def _compensation_task(ctx: ExportContext, saga: Saga, step: SagaStep) -> dict[str, Any]:
    ctx.note(
        TARGET,
        "Compensations are retried 5 times (after 2 s, doubling) before the execution "
        "ends in `CompensationFailed`.",
    )
    return {
        "Type": "Task",
        "Comment": f"{step.service}: {step.compensation} (undoes {step.name})",
        "Resource": _resource(ctx, step.service, step.compensation),
        "Parameters": {
            "saga": saga.name,
            "step": step.name,
            "service": step.service,
            "compensation": step.compensation,
            "input.$": "$",
        },
        "ResultPath": None,
        "Retry": [dict(COMPENSATION_RETRY)],
    }


def _step_task(ctx: ExportContext, saga: Saga, index: int) -> dict[str, Any]:
    step = saga.steps[index]
    done = compensations_after(saga, index)
    if not done:
        on_failure = FAILED
    elif saga.compensation_strategy == CompensationStrategy.PARALLEL:
        on_failure = parallel_state(step)
    else:
        on_failure = compensation_state(done[0])
    task: dict[str, Any] = {
        "Type": "Task",
        "Comment": f"{step.service}: {step.action}",
        "Resource": _resource(ctx, step.service, step.action),
        "Parameters": {
            "saga": saga.name,
            "step": step.name,
            "service": step.service,
            "action": step.action,
            "input.$": "$",
        },
        "ResultPath": _result_path(step),
    }
    retry = _step_retry(ctx, step)
    if retry:
        task["Retry"] = retry
    task["Catch"] = _catch(on_failure)
    is_last = index == len(saga.steps) - 1
    task["Next"] = SUCCEEDED if is_last else saga.steps[index + 1].name
    return task


def _sequential_compensations(ctx: ExportContext, saga: Saga) -> dict[str, Any]:
    # One chain, newest first; a failure enters it at the newest step already done.
    chain = compensations_after(saga, len(saga.steps) - 1)
    states = {}
    for position, step in enumerate(chain):
        task = _compensation_task(ctx, saga, step)
        task["Catch"] = _catch(COMPENSATION_FAILED, "$.compensation_error")
        task["Next"] = (
            compensation_state(chain[position + 1]) if position + 1 < len(chain) else FAILED
        )
        states[compensation_state(step)] = task
    return states


def _parallel_compensations(ctx: ExportContext, saga: Saga) -> dict[str, Any]:
    states = {}
    for index, failed in enumerate(saga.steps):
        done = compensations_after(saga, index)
        if not done:
            continue
        branches = []
        for step in done:
            task = _compensation_task(ctx, saga, step)
            task["End"] = True
            name = branch_state(step, failed)
            branches.append({"StartAt": name, "States": {name: task}})
        states[parallel_state(failed)] = {
            "Type": "Parallel",
            "Comment": f"Undo, all at once, what was done before {failed.name} failed",
            "Branches": branches,
            "ResultPath": None,
            "Catch": _catch(COMPENSATION_FAILED, "$.compensation_error"),
            "Next": FAILED,
        }
    return states


def state_machine(ctx: ExportContext, saga: Saga) -> dict[str, Any]:
    """The ASL definition of `saga`; its Comment carries the export's header."""
    comment = " ".join([*header_lines(ctx), f"Saga {saga.name} ({saga.compensation_strategy})."])
    if not saga.steps:
        return {
            "Comment": comment,
            "StartAt": SUCCEEDED,
            "States": {SUCCEEDED: {"Type": "Succeed"}},
        }
    states: dict[str, Any] = {
        step.name: _step_task(ctx, saga, index) for index, step in enumerate(saga.steps)
    }
    if saga.compensation_strategy == CompensationStrategy.PARALLEL:
        compensations = _parallel_compensations(ctx, saga)
    else:
        compensations = _sequential_compensations(ctx, saga)
    states.update(compensations)
    states[SUCCEEDED] = {"Type": "Succeed"}
    states[FAILED] = {
        "Type": "Fail",
        "Error": "SagaFailed",
        "Cause": "A step failed; the steps done before it were compensated.",
    }
    if compensations:
        states[COMPENSATION_FAILED] = {
            "Type": "Fail",
            "Error": "CompensationFailed",
            "Cause": "A compensation still failed after its retries: repair by hand (see the runbook).",
        }
    return {"Comment": comment, "StartAt": saga.steps[0].name, "States": states}
