"""Creating jobs and moving them through their states.

Every status change is a compare-and-set, ``filter(pk=…, status=old,
attempts=n).update(…)``: of two deliveries of one message, only one can start
the job, and a run that was superseded by a restart cannot record its outcome
over the new run's. Writes made while a job runs (progress, log) are matched on
the attempt too, for the same reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from apps.workspaces.models import Workspace

from .handlers import HANDLERS
from .models import MESSAGE_MAX_LENGTH, Job, JobStatus

logger = logging.getLogger(__name__)


def one_line(text: str, limit: int = MESSAGE_MAX_LENGTH) -> str:
    """The first line of `text`, cut to fit the message column."""
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


@transaction.atomic
def enqueue_job(
    *, actor, kind: str, workspace: Workspace, architecture=None, input: dict[str, Any]
) -> Job:
    """Record a job and send it to a worker once the surrounding transaction commits.

    Without a broker (the embedded default) the job runs in this process right
    after the commit, so it is usually finished when this returns to the view.
    """
    if kind not in HANDLERS:
        raise ValueError(f"no handler is registered for jobs of kind {kind!r}")
    job = Job.objects.create(
        kind=kind,
        workspace=workspace,
        architecture=architecture,
        user=actor,
        input=input,
        message="Waiting for a worker",
    )
    # Only the id travels: the worker reads the committed row, never a stale copy.
    transaction.on_commit(partial(_send, job.pk))
    return job


def _send(job_id: int) -> None:
    from .tasks import run_job

    try:
        run_job.delay(job_id)
    except BrokerUnreachable as exc:
        # The row is committed: say why nothing will run it rather than leave it queued.
        logger.exception("Could not send job %s to the broker", job_id)
        fail_job(job_id, None, f"the job queue could not be reached ({exc})")


def claim_job(job: Job) -> int | None:
    """Start `job` (queued, or running when restarted); the new attempt number, or None.

    `job` must be as just read: the update only happens if status and attempts
    are still what it says, so a concurrent delivery that got there first wins.
    """
    attempt = job.attempts + 1
    started = Job.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=JobStatus.RUNNING,
        attempts=attempt,
        started_at=timezone.now(),
        finished_at=None,
        progress=0,
        message="Started" if attempt == 1 else f"Restarted (attempt {attempt})",
        error="",
    )
    return attempt if started else None


def _running(job_id: int, attempt: int | None):
    rows = Job.objects.filter(pk=job_id)
    return rows.filter(status=JobStatus.RUNNING, attempts=attempt) if attempt else rows


def set_progress(job_id: int, attempt: int, percent: int, message: str = "") -> None:
    changes: dict[str, Any] = {"progress": max(0, min(100, int(percent)))}
    if message:
        changes["message"] = one_line(message)
    _running(job_id, attempt).update(**changes)


def append_log(job_id: int, text: str) -> None:
    """Add lines to the job's log (kept whatever the status, for post-mortems)."""
    if not text.endswith("\n"):
        text += "\n"
    Job.objects.filter(pk=job_id).update(
        log=Concat(F("log"), Value(text), output_field=TextField())
    )


def link_architecture(job_id: int, architecture) -> None:
    """Record the architecture a job made or changed (inside the handler's transaction)."""
    Job.objects.filter(pk=job_id).update(architecture=architecture)


def succeed_job(job_id: int, attempt: int, result: dict[str, Any]) -> bool:
    """running -> succeeded, keeping the handler's last message; False if superseded."""
    return bool(
        _running(job_id, attempt).update(
            status=JobStatus.SUCCEEDED, progress=100, result=result, finished_at=timezone.now()
        )
    )


def fail_job(job_id: int, attempt: int | None, reason: str, log: str = "") -> bool:
    """queued or running -> failed, with a one-line reason; False if it had finished.

    With `attempt` only that run of the job is failed (a restarted job belongs to
    its new run); without it, whatever run is current.
    """
    reason = one_line(reason) or "the job failed"
    failed = (
        _running(job_id, attempt)
        .filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .update(
            status=JobStatus.FAILED,
            error=reason,
            message=f"Failed: {reason}",
            finished_at=timezone.now(),
        )
    )
    if failed and log:
        append_log(job_id, log)
    return bool(failed)


@dataclass(frozen=True)
class JobProgress:
    """What a handler reports through: progress(percent, message) and progress.log(line)."""

    job_id: int
    attempt: int

    def __call__(self, percent: int, message: str = "") -> None:
        set_progress(self.job_id, self.attempt, percent, message)

    def log(self, line: str) -> None:
        append_log(self.job_id, line)
