"""The sagas target: Amazon States Language state machines and runbooks."""

from __future__ import annotations

import json

import pytest

from microservices.export import export_bundle
from microservices.export.context import ExportContext
from microservices.export.formats import header_lines
from microservices.spec.enums import CompensationStrategy
from microservices.synth import synthesize

MACHINE = "sagas/order-creation.asl.json"
RUNBOOK = "sagas/order-creation.md"


def with_saga(spec, **changes):
    """The spec with its first saga changed."""
    saga = spec.sagas[0].model_copy(update=changes)
    return spec.model_copy(update={"sagas": [saga, *spec.sagas[1:]]})


def machine_of(spec, path: str = MACHINE) -> dict:
    return json.loads(export_bundle(spec, targets=["sagas"], revision=7).files[path])


def happy_path(machine: dict) -> list[str]:
    names, state = [], machine["StartAt"]
    while machine["States"][state]["Type"] == "Task":
        names.append(state)
        state = machine["States"][state]["Next"]
    assert machine["States"][state]["Type"] == "Succeed"
    return names


def compensations_after_failure_of(machine: dict, step: str) -> list[list[str]]:
    """What runs when `step` fails: groups of compensation Tasks (a group runs at once),
    in order, up to the Fail state."""
    states = machine["States"]
    (catch,) = states[step]["Catch"]
    groups, state = [], catch["Next"]
    while states[state]["Type"] != "Fail":
        current = states[state]
        if current["Type"] == "Parallel":
            groups.append(
                [branch["States"][branch["StartAt"]]["Comment"] for branch in current["Branches"]]
            )
        else:
            groups.append([current["Comment"]])
        state = current["Next"]
    assert states[state]["Error"] == "SagaFailed"
    return groups


@pytest.fixture(scope="module")
def reference_machine(reference_spec):
    return machine_of(reference_spec)


def test_it_runs_a_task_per_step_in_order(reference_machine):
    assert happy_path(reference_machine) == ["step1", "step2", "step3"]
    assert "create_order" in reference_machine["States"]["step1"]["Comment"]
    resource = reference_machine["States"]["step2"]["Resource"]
    assert resource.startswith("arn:aws:states:") and "reserve_inventory" in resource


def test_its_comment_is_the_export_header(reference_spec, reference_machine):
    header = " ".join(header_lines(ExportContext(reference_spec, revision=7)))
    assert reference_machine["Comment"].startswith(header)


def test_a_failing_step3_compensates_step2_then_step1_one_after_another(reference_machine):
    assert compensations_after_failure_of(reference_machine, "step3") == [
        ["inventory-service: release_inventory (undoes step2)"],
        ["order-service: cancel_order (undoes step1)"],
    ]
    assert compensations_after_failure_of(reference_machine, "step2") == [
        ["order-service: cancel_order (undoes step1)"],
    ]
    assert compensations_after_failure_of(reference_machine, "step1") == []


def test_the_parallel_strategy_compensates_the_steps_done_at_once(reference_spec):
    machine = machine_of(
        with_saga(reference_spec, compensation_strategy=CompensationStrategy.PARALLEL)
    )

    (together,) = compensations_after_failure_of(machine, "step3")
    assert sorted(together) == [
        "inventory-service: release_inventory (undoes step2)",
        "order-service: cancel_order (undoes step1)",
    ]
    assert happy_path(machine) == ["step1", "step2", "step3"]


def test_steps_without_compensation_are_skipped_on_the_way_back(reference_spec):
    steps = list(reference_spec.sagas[0].steps)
    steps[1] = steps[1].model_copy(update={"compensation": ""})
    machine = machine_of(with_saga(reference_spec, steps=steps))

    assert compensations_after_failure_of(machine, "step3") == [
        ["order-service: cancel_order (undoes step1)"]
    ]


def test_step_retries_come_from_the_services_retry_policy(reference_machine):
    (retry,) = reference_machine["States"]["step3"]["Retry"]  # payment-service: 3 attempts
    assert retry["MaxAttempts"] == 2
    assert retry["BackoffRate"] == 2
    assert "Retry" not in reference_machine["States"]["step1"]


def test_every_state_is_reachable_and_every_transition_lands_on_a_state():
    spec = synthesize(300, seed=13)
    bundle = export_bundle(spec, targets=["sagas"])
    assert spec.sagas
    for saga in spec.sagas:
        machine = json.loads(bundle.files[f"sagas/{saga.name}.asl.json"])
        states = machine["States"]
        reached, todo = set(), [machine["StartAt"]]
        while todo:
            name = todo.pop()
            if name in reached:
                continue
            reached.add(name)
            state = states[name]
            todo += [state["Next"]] if "Next" in state else []
            todo += [catch["Next"] for catch in state.get("Catch", [])]
        assert reached == set(states)


def test_the_runbook_describes_the_happy_path_and_each_failure(reference_spec):
    bundle = export_bundle(reference_spec, targets=["sagas"], revision=7)
    runbook = bundle.files[RUNBOOK]

    happy, failures = runbook.split("## When a step fails")
    assert (
        happy.index("create_order")
        < happy.index("reserve_inventory")
        < happy.index("process_payment")
    )
    after_step3 = failures.split("### step3 fails")[1].split("##")[0]
    assert after_step3.index("release_inventory") < after_step3.index("cancel_order")
    assert "refund_payment" not in failures


def test_exporting_twice_gives_the_same_bytes(reference_spec):
    first = export_bundle(reference_spec, targets=["sagas"], revision=7)
    assert export_bundle(reference_spec, targets=["sagas"], revision=7).files == first.files
