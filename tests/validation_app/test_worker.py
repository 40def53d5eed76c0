"""A validation job crossing Redis to a real worker process, against PostgreSQL."""

from __future__ import annotations

import time

import pytest

from apps.architectures.services import import_spec
from apps.jobs.models import Job, JobStatus
from apps.validation.models import ValidationRun
from apps.validation.services import request_validation
from microservices.synth import synthesize

pytestmark = pytest.mark.integration

DEADLINE_SECONDS = 60


def wait_until_finished(job: Job) -> Job:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    pytest.fail(f"job {job.pk} still {job.status} after {DEADLINE_SECONDS} s: {job.message}")


def test_a_validation_of_a_synthetic_architecture_completes_on_the_worker(
    tasks_on_worker, owner, workspace
):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(200))

    job = wait_until_finished(request_validation(architecture, owner))

    assert job.status == JobStatus.SUCCEEDED, job.error
    run = ValidationRun.objects.get(job=job)
    architecture.refresh_from_db()
    assert run.revision == architecture.revision
    assert run.findings and job.result["findings"] == len(run.findings)
    assert job.result["run"] == run.pk and job.duration_seconds is not None
