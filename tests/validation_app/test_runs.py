"""Validation runs: triggered by changes, coalesced, stale, shaped by suppressions and settings."""

from __future__ import annotations

import pytest

from apps.architectures.services import update_architecture
from apps.jobs.models import Job, JobStatus
from apps.validation import services
from apps.validation.models import ValidationRun
from apps.validation.services import KIND, request_validation
from microservices.spec import SpecValidationError
from microservices.spec.model import ArchitectureFields

from .conftest import fingerprints, latest_run, store, validation_jobs, with_service

pytestmark = pytest.mark.django_db

PLACEHOLDERS = {"auth-service", "payment-service", "product-service", "user-service"}
USER_SERVICE_PLACEHOLDER = "MS101|service:user-service"


def describe(architecture, owner, committed, text: str):
    fields = ArchitectureFields(
        name=architecture.name,
        slug=architecture.slug,
        description=text,
        pattern=architecture.pattern,
    )
    return committed(update_architecture, actor=owner, architecture=architecture, fields=fields)


def test_a_change_to_an_architecture_runs_a_validation_that_finds_the_placeholders(
    architecture, owner, committed
):
    describe(architecture, owner, committed, "changed")

    job = validation_jobs(architecture).get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    run = ValidationRun.objects.get(job=job)
    architecture.refresh_from_db()
    assert run.revision == architecture.revision
    placeholders = {f["subjects"][0].split(":", 1)[1] for f in run.findings if f["rule"] == "MS101"}
    assert placeholders == PLACEHOLDERS
    assert job.result["run"] == run.pk
    assert job.result["counts"] == run.counts
    assert run.counts["error"] >= 4
    assert job.progress == 100 and job.finished_at is not None


def test_a_request_while_a_validation_is_queued_queues_no_other(architecture, owner):
    queued = Job.objects.create(
        kind=KIND, workspace=architecture.workspace, architecture=architecture, user=owner
    )

    first = request_validation(architecture, owner)
    second = request_validation(architecture, owner)

    assert first == second == queued
    assert validation_jobs(architecture).filter(status=JobStatus.QUEUED).count() == 1


def test_a_running_validation_and_one_queued_may_coexist(architecture, owner):
    running = Job.objects.create(
        kind=KIND,
        workspace=architecture.workspace,
        architecture=architecture,
        status=JobStatus.RUNNING,
    )

    queued = request_validation(architecture, owner)
    again = request_validation(architecture, owner)

    assert queued != running and again == queued
    assert validation_jobs(architecture).count() == 2


def test_another_architectures_queued_validation_does_not_hold_this_one_back(
    architecture, other_architecture, owner
):
    Job.objects.create(
        kind=KIND, workspace=other_architecture.workspace, architecture=other_architecture
    )

    job = request_validation(architecture, owner)

    assert job.architecture == architecture


def test_results_of_an_older_revision_are_stale(validated, owner, committed):
    run = latest_run(validated)
    assert not run.is_stale_for(validated)

    describe(validated, owner, committed, "a newer revision")
    validated.refresh_from_db()

    assert run.is_stale_for(validated)
    assert not latest_run(validated).is_stale_for(validated)


def test_a_suppressed_finding_is_kept_apart_and_survives_renaming_an_unrelated_service(
    architecture, owner, committed, reference_spec
):
    store(committed, owner, architecture, with_service(reference_spec, "mailer-service"))
    services.suppress(
        actor=owner,
        architecture=architecture,
        fingerprint=USER_SERVICE_PLACEHOLDER,
        reason="user-service is run by another company",
    )

    store(committed, owner, architecture, with_service(reference_spec, "notifier-service"))

    run = latest_run(architecture)
    assert "mailer-service" not in str(run.findings)
    assert USER_SERVICE_PLACEHOLDER in fingerprints(run, suppressed=True)
    assert USER_SERVICE_PLACEHOLDER not in fingerprints(run, suppressed=False)
    suppressed = next(f for f in run.findings if f["fingerprint"] == USER_SERVICE_PLACEHOLDER)
    assert suppressed["suppression"]["reason"] == "user-service is run by another company"
    assert run.counts["suppressed"] == 1


def test_a_suppression_needs_a_reason(architecture, owner):
    with pytest.raises(SpecValidationError, match="say why"):
        services.suppress(
            actor=owner, architecture=architecture, fingerprint=USER_SERVICE_PLACEHOLDER, reason=" "
        )


def test_a_disabled_rule_finds_nothing(architecture, owner, committed):
    services.set_rule_setting(
        actor=owner,
        architecture=architecture,
        rule_id="MS101",
        disabled=True,
        thresholds={},
        reason="placeholders are deliberate here",
    )

    committed(request_validation, architecture, owner)

    run = latest_run(architecture)
    assert run.findings and not any(f["rule"] == "MS101" for f in run.findings)
    assert "MS101" not in run.rules_run


def test_a_threshold_override_reaches_the_rule(architecture, owner, committed):
    services.set_rule_setting(
        actor=owner,
        architecture=architecture,
        rule_id="MS401",
        disabled=False,
        thresholds={"assumed_availability": 0.9},
    )
    thresholds, disabled = services.engine_options(architecture)
    assert thresholds == {"MS401": {"assumed_availability": 0.9}} and disabled == []

    committed(request_validation, architecture, owner)

    assert latest_run(architecture).job.status == JobStatus.SUCCEEDED


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        ({"no_such_threshold": 3}, "has no threshold 'no_such_threshold'"),
        ({"assumed_availability": "high"}, "must be a number"),
        ({"assumed_availability": True}, "must be a number"),
    ],
)
def test_a_threshold_override_must_be_a_declared_number(architecture, owner, thresholds, message):
    with pytest.raises(SpecValidationError, match=message):
        services.set_rule_setting(
            actor=owner,
            architecture=architecture,
            rule_id="MS401",
            disabled=False,
            thresholds=thresholds,
        )


def test_disabling_a_rule_needs_a_reason(architecture, owner):
    with pytest.raises(SpecValidationError, match="say why"):
        services.set_rule_setting(
            actor=owner, architecture=architecture, rule_id="MS101", disabled=True, thresholds={}
        )


def test_only_the_newest_runs_are_kept(architecture, owner, committed):
    for n in range(services.RUNS_KEPT + 3):
        describe(architecture, owner, committed, f"change {n}")
    runs = ValidationRun.objects.filter(architecture=architecture)
    assert runs.count() == services.RUNS_KEPT
    architecture.refresh_from_db()
    assert runs.order_by("-created_at", "-id").first().revision == architecture.revision
