"""Background jobs: one row per run, so progress and outcome survive the worker.

The row is the truth about a run; the Celery message only carries its id. Status
moves queued -> running -> succeeded | failed, always by compare-and-set in
apps/jobs/services.py, never by saving a loaded instance.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.workspaces.access import Action, membership_q


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)
MESSAGE_MAX_LENGTH = 300


class JobQuerySet(models.QuerySet):
    def for_user(self, user, action: Action = Action.VIEW):
        """The jobs of the workspaces `user` may `action`: the only way to read them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(membership_q(user, action, through="workspace"))

    def without_payload(self):
        """Skip the columns that can hold megabytes (the uploaded document, the log)."""
        return self.defer("input", "result", "log")


class Job(models.Model):
    kind = models.CharField(max_length=50, help_text="Which handler runs it.")
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="jobs"
    )
    # Kept when the architecture goes: the history of runs outlives what they made.
    architecture = models.ForeignKey(
        "architectures.Architecture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    status = models.CharField(
        max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent, 0 to 100.")
    message = models.CharField(
        max_length=MESSAGE_MAX_LENGTH, blank=True, default="", help_text="One line, for people."
    )
    log = models.TextField(blank=True, default="")
    input = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True, default="", help_text="Why it failed, in one line.")
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker started it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="job_workspace_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def kind_label(self) -> str:
        return self.kind.replace("_", " ").capitalize()

    @property
    def architecture_url(self) -> str:
        if self.architecture is None:
            return ""
        return reverse("architectures:detail", args=[self.workspace.slug, self.architecture.slug])

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
