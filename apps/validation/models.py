"""Validation in the product: the runs of the rule catalogue over an architecture,
the findings people chose to suppress, and the per-architecture rule settings.

A run is the outcome of one ``validate_architecture`` job (apps/jobs): the job row
carries status, progress and timings; the run carries the findings of the
revision it read. A run is stale once the architecture moved past that revision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ValidationRun(models.Model):
    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="validation_runs"
    )
    job = models.OneToOneField(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="validation_run",
    )
    revision = models.PositiveIntegerField(help_text="The architecture's revision validated.")
    findings = models.JSONField(default=list, blank=True, help_text="Every finding, worst first.")
    counts = models.JSONField(
        default=dict, blank=True, help_text="Findings by severity (suppressed ones apart)."
    )
    rules_run = models.JSONField(default=list, blank=True)
    seconds = models.FloatField(default=0.0, help_text="Time spent in the rules.")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["architecture", "-created_at"], name="validation_run_recent")
        ]

    def __str__(self) -> str:
        return f"Validation of {self.architecture_id} at revision {self.revision}"

    def is_stale_for(self, architecture) -> bool:
        return self.revision < architecture.revision

    @property
    def stale(self) -> bool:
        return self.is_stale_for(self.architecture)


class Suppression(models.Model):
    """A finding someone decided to accept, identified by its fingerprint (rule + subjects)."""

    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="suppressions"
    )
    fingerprint = models.CharField(max_length=1000)
    rule_id = models.CharField(max_length=20, blank=True, default="")
    reason = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["architecture", "fingerprint"], name="suppression_once_per_finding"
            )
        ]

    def __str__(self) -> str:
        return self.fingerprint


class RuleSetting(models.Model):
    """A rule switched off, or its thresholds changed, for one architecture."""

    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="rule_settings"
    )
    rule_id = models.CharField(max_length=20)
    disabled = models.BooleanField(default=False)
    thresholds = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["architecture", "rule_id"], name="rule_setting_once_per_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} ({'disabled' if self.disabled else 'thresholds'})"
