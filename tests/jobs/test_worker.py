"""Jobs crossing Redis to a real worker process, against PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.architectures.models import Architecture
from apps.jobs.models import Job, JobStatus
from apps.jobs.services import enqueue_job
from apps.jobs.tasks import run_job
from microservices.spec import dump_architecture
from tests.services import wait_for_job

from .conftest import import_url

pytestmark = pytest.mark.integration

DEADLINE_SECONDS = 30


def test_an_import_uploaded_on_the_page_is_run_by_the_worker(
    tasks_on_worker, client_for, editor, workspace, reference_spec
):
    document = dump_architecture(reference_spec).encode()

    response = client_for(editor).post(
        import_url(workspace), {"file": SimpleUploadedFile("ecommerce.yaml", document)}
    )

    assert response.status_code == 302
    job = wait_for_job(Job.objects.get(kind="import_spec"), DEADLINE_SECONDS)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["outcome"] == "created"
    assert Architecture.objects.get(workspace=workspace) == job.architecture


def test_a_job_whose_task_is_delivered_twice_runs_once(
    tasks_on_worker, editor, workspace, reference_spec
):
    from designer import celery_app

    job = enqueue_job(
        actor=editor,
        kind="import_spec",
        workspace=workspace,
        input={"document": dump_architecture(reference_spec), "format": "yaml"},
    )
    job = wait_for_job(job, DEADLINE_SECONDS)
    assert job.status == JobStatus.SUCCEEDED, job.error
    revision = Architecture.objects.get().revision
    before = Job.objects.values().get(pk=job.pk)

    in_this_process = run_job(job.pk)
    on_the_worker = run_job.apply_async(args=[job.pk]).get(timeout=DEADLINE_SECONDS)

    assert in_this_process == on_the_worker == f"job {job.pk} skipped: already succeeded"
    assert Job.objects.values().get(pk=job.pk) == before
    assert Architecture.objects.get().revision == revision
    assert celery_app.conf.task_always_eager is False
