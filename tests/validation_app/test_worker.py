"""A validation job crossing Redis to a real worker process, against PostgreSQL."""

from __future__ import annotations

import time

import pytest

from apps.architectures.services import import_spec
from apps.jobs.models import Job, JobStatus
from apps.validation.models import ValidationRun
from apps.validation.services import request_validation
from microservices.synth import synthesize
from tests.services import wait_for_job

pytestmark = pytest.mark.integration

DEADLINE_SECONDS = 60


def test_a_validation_of_a_synthetic_architecture_completes_on_the_worker(
    tasks_on_worker, owner, workspace
):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(200))

    job = wait_for_job(request_validation(architecture, owner))

    assert job.status == JobStatus.SUCCEEDED, job.error
    run = ValidationRun.objects.get(job=job)
    architecture.refresh_from_db()
    assert run.revision == architecture.revision
    assert run.findings and job.result["findings"] == len(run.findings)
    assert job.result["run"] == run.pk and job.duration_seconds is not None


def wait_until_running(job: Job) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == JobStatus.RUNNING:
            return
        if job.is_finished:
            pytest.fail(f"job {job.pk} finished before the worker could be killed")
        time.sleep(0.02)
    pytest.fail(f"job {job.pk} never started: {job.status}")


def test_a_validation_whose_worker_is_killed_mid_run_runs_again_on_a_new_worker(
    tasks_on_worker, celery_worker, owner, workspace
):
    # Large enough that the job is still running when the worker dies.
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(3000))
    job = request_validation(architecture, owner)
    wait_until_running(job)

    celery_worker.kill()  # SIGKILL: the task is neither finished nor acknowledged
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    celery_worker.start()  # the broker hands the task back after the visibility timeout

    job = wait_for_job(job, DEADLINE_SECONDS)
    assert job.status == JobStatus.SUCCEEDED, f"{job.error}\n{celery_worker.output()}"
    assert job.attempts == 2
    assert ValidationRun.objects.filter(job=job).count() == 1
