"""Manifest exports in the product: one row per run, and its archive apart.

An export is the outcome of one ``export_architecture`` job (apps/jobs): the job
row carries status, percent, message and timings; the export carries what was
asked (targets, options), how far the files are (done / total), and once
finished the revision exported, the file index and the static checks' problems.

The zip lives in its own table so that no list or page reads it by accident,
and web and worker share it through the database rather than a volume. It is
written in the transaction that sets `finished_at`: an archive exists only
complete.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExportQuerySet(models.QuerySet):
    def without_payload(self):
        """Skip the columns that grow with the bundle (file index, problems)."""
        return self.defer("files", "problems")


class Export(models.Model):
    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="exports"
    )
    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="export")
    revision = models.PositiveIntegerField(
        help_text="The architecture's revision: when asked for, then the one exported."
    )
    targets = models.JSONField(default=list, help_text="The targets' names, in name order.")
    options = models.JSONField(default=dict, help_text="Every option, defaults included.")
    files_done = models.PositiveIntegerField(default=0)
    files_total = models.PositiveIntegerField(default=0, help_text="0 until planned.")
    files = models.JSONField(
        default=list,
        blank=True,
        help_text="[path, size, offset, compressed size] of each file of the archive, by path.",
    )
    problems = models.JSONField(default=list, blank=True, help_text="The static checks' problems.")
    problem_counts = models.JSONField(default=dict, blank=True, help_text="Problems by severity.")
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="The zip's bytes.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text="Set with the archive, in one transaction."
    )

    objects = ExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["architecture", "-created_at"], name="export_recent")]

    def __str__(self) -> str:
        return f"Export #{self.pk} of {self.architecture_id} at revision {self.revision}"

    @property
    def is_complete(self) -> bool:
        """The archive is stored (the job may still be recording its success)."""
        return self.finished_at is not None

    @property
    def percent(self) -> int:
        return int(100 * self.files_done / self.files_total) if self.files_total else 0


class ExportArchive(models.Model):
    """The zip of a finished export; read by downloads only."""

    export = models.OneToOneField(
        Export, on_delete=models.CASCADE, primary_key=True, related_name="archive"
    )
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"Archive of export #{self.export_id}"
