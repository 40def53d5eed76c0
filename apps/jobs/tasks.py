"""The one Celery task: run the job whose id it receives.

Deliveries and restarts. The broker is told a message is done only once the task
has returned (``acks_late``), and a worker that dies mid-task gives its message
back (``reject_on_worker_lost``; both in designer/settings/base.py). So a worker
killed during a job (deploy, out of memory) leaves the message to be delivered
again, and that delivery finds the row still ``running``. It restarts the job
rather than waiting for a run that will never finish: handlers are idempotent
(an import is one transaction, and a restarted import replaces the architecture
its first run created instead of creating another). After MAX_ATTEMPTS starts
the job is marked failed instead, so a job that kills its worker every time is
not retried for ever. A delivery that finds the job finished does nothing: the
outcome was recorded before the message was acknowledged.

Handler errors are not retried by Celery: they are recorded on the row, and the
task returns normally.
"""

from __future__ import annotations

import logging
import traceback

from celery import shared_task

from .handlers import JobFailed, get_handler
from .models import Job, JobStatus
from .services import JobProgress, claim_job, fail_job, succeed_job

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


@shared_task(name="jobs.run_job")
def run_job(job_id: int) -> str:
    """Run job `job_id` once; returns what happened, for the worker's log."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return f"job {job_id} does not exist"
    if job.is_finished:
        return f"job {job_id} skipped: already {job.status}"
    if job.status == JobStatus.RUNNING and job.attempts >= MAX_ATTEMPTS:
        fail_job(
            job_id,
            job.attempts,
            f"the worker stopped during the job {job.attempts} times; it was not restarted again",
        )
        return f"job {job_id} failed: too many attempts"
    attempt = claim_job(job)
    if attempt is None:
        return f"job {job_id} skipped: another delivery started it"
    job.refresh_from_db()
    try:
        result = get_handler(job.kind)(job, JobProgress(job_id, attempt))
    except JobFailed as exc:
        fail_job(job_id, attempt, str(exc))
        return f"job {job_id} failed: {exc}"
    except Exception as exc:
        logger.exception("Job %s (%s) raised", job_id, job.kind)
        fail_job(
            job_id,
            attempt,
            f"unexpected error: {type(exc).__name__}: {exc}",
            log=traceback.format_exc(),
        )
        return f"job {job_id} failed: {type(exc).__name__}"
    succeed_job(job_id, attempt, result or {})
    return f"job {job_id} succeeded"
