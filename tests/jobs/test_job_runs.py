"""Running jobs: outcomes recorded on the row, failures never left running, and
deliveries of one message that come back (lost worker, redelivery) handled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.models import Architecture
from apps.jobs.handlers import JobFailed
from apps.jobs.models import Job, JobStatus
from apps.jobs.services import enqueue_job
from apps.jobs.tasks import MAX_ATTEMPTS, run_job
from microservices.spec import dump_architecture


@pytest.fixture
def enqueue(django_capture_on_commit_callbacks, workspace, editor):
    """enqueue(kind, input, run=True) -> the job, run in-process as after a commit."""

    def send(kind: str, input: dict, *, run: bool = True, architecture=None) -> Job:
        with django_capture_on_commit_callbacks(execute=run):
            job = enqueue_job(
                actor=editor, kind=kind, workspace=workspace, architecture=architecture, input=input
            )
        job.refresh_from_db()
        return job

    return send


@pytest.fixture
def import_input(reference_spec) -> dict:
    return {"document": dump_architecture(reference_spec), "format": "yaml", "architecture": None}


def test_a_handler_that_raises_leaves_the_job_failed_with_a_reason(
    enqueue, job_handler, client_for, viewer
):
    def explode(job, progress):
        progress(30, "About to fail")
        raise RuntimeError("the disk is full\nsecond line")

    job_handler("test_explode", explode)

    job = enqueue("test_explode", {})

    assert job.status == JobStatus.FAILED
    assert job.error == "unexpected error: RuntimeError: the disk is full"
    assert job.message == f"Failed: {job.error}"
    assert "Traceback" in job.log and "RuntimeError" in job.log
    assert job.finished_at is not None
    page = client_for(viewer).get(reverse("jobs:detail", args=[job.pk]))
    assert 'data-status="failed"' in page.text
    assert "unexpected error: RuntimeError: the disk is full" in page.text


def test_a_handler_that_gives_up_fails_the_job_with_its_own_reason(enqueue, job_handler):
    def refuse(job, progress):
        raise JobFailed("the target architecture was deleted")

    job_handler("test_refuse", refuse)

    job = enqueue("test_refuse", {})

    assert (job.status, job.error) == (JobStatus.FAILED, "the target architecture was deleted")
    assert job.log == ""


def test_progress_and_result_of_a_handler_are_recorded(enqueue, job_handler):
    seen = []

    def count(job, progress):
        progress(50, "Half way")
        seen.append(Job.objects.get(pk=job.pk).progress)
        progress.log("counted to two")
        return {"counted": 2}

    job_handler("test_count", count)

    job = enqueue("test_count", {})

    assert seen == [50]
    assert (job.status, job.progress, job.result) == (JobStatus.SUCCEEDED, 100, {"counted": 2})
    assert job.message == "Half way"
    assert job.log == "counted to two\n"
    assert job.started_at <= job.finished_at


def test_a_job_of_an_unknown_kind_is_not_enqueued(enqueue):
    with pytest.raises(ValueError, match="no handler is registered"):
        enqueue("no_such_kind", {})

    assert not Job.objects.exists()


def test_a_job_is_sent_only_when_its_transaction_commits(enqueue, import_input):
    job = enqueue("import_spec", import_input, run=False)

    assert (job.status, job.attempts) == (JobStatus.QUEUED, 0)
    assert not Architecture.objects.exists()


def test_a_finished_job_delivered_again_is_not_run_again(enqueue, import_input):
    job = enqueue("import_spec", import_input)
    architecture = Architecture.objects.get()

    outcome = run_job(job.pk)

    assert outcome == f"job {job.pk} skipped: already succeeded"
    again = Job.objects.get(pk=job.pk)
    assert (again.status, again.attempts, again.finished_at) == (
        JobStatus.SUCCEEDED,
        1,
        job.finished_at,
    )
    assert Architecture.objects.get().revision == architecture.revision


def test_a_job_left_running_by_a_lost_worker_is_restarted(enqueue, import_input):
    job = enqueue("import_spec", import_input, run=False)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1, progress=40)

    run_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == (JobStatus.SUCCEEDED, 2, 100)
    assert Architecture.objects.count() == 1


def test_a_restarted_import_replaces_the_architecture_its_first_run_created(enqueue, import_input):
    job = enqueue("import_spec", import_input)
    # As if the worker died after the import committed, before the job was marked done.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, finished_at=None)

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    assert job.result["outcome"] == "created"
    assert job.result["counts"] == {"created": 0, "updated": 0, "deleted": 0}
    assert Architecture.objects.count() == 1


def test_a_job_that_lost_its_worker_too_often_is_marked_failed(enqueue, import_input):
    job = enqueue("import_spec", import_input, run=False)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=MAX_ATTEMPTS)

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == (
        f"the worker stopped during the job {MAX_ATTEMPTS} times; it was not restarted again"
    )
    assert not Architecture.objects.exists()


def test_a_superseded_run_cannot_record_its_outcome(enqueue, job_handler):
    def superseded(job, progress):
        # Another delivery restarts the job while this run is still going.
        Job.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)
        progress(90, "Stale progress")
        return {"stale": True}

    job_handler("test_superseded", superseded)

    job = enqueue("test_superseded", {})

    assert job.status == JobStatus.RUNNING
    assert job.result == {}
    assert job.message != "Stale progress"


def test_an_import_fails_when_its_target_was_deleted_meanwhile(
    enqueue, import_input, architecture, owner
):
    input = {**import_input, "architecture": architecture.slug}
    job = enqueue("import_spec", input, run=False, architecture=architecture)
    architecture.delete()

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "the architecture e-commerce-platform was deleted before the import"


def test_an_import_fails_when_its_user_lost_the_right_to_edit(
    enqueue, import_input, workspace, editor
):
    job = enqueue("import_spec", import_input, run=False)
    editor.memberships.filter(workspace=workspace).update(role="viewer")

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "eddie may no longer edit the workspace acme"
    assert not Architecture.objects.exists()


def test_an_import_of_an_invalid_document_fails_with_the_errors_in_its_log(enqueue, import_input):
    document = import_input["document"].replace("pattern: event-driven", "pattern: nope")

    job = enqueue("import_spec", {**import_input, "document": document})

    assert job.status == JobStatus.FAILED
    assert job.error.startswith("the document is not valid: line 5: pattern: Input should be")
    assert job.log.startswith("line 5: pattern:")
    assert not Architecture.objects.exists()
