"""Architecture revisions and the per-object changes each one made.

A revision stores only the top-level spec objects it changed (a service with its
children, a gateway with its routes, ...), before and after: storage grows with
the size of each change. Older states are rebuilt by replaying changes backwards
from the current architecture.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.architectures.models import Architecture


class Revision(models.Model):
    architecture = models.ForeignKey(
        Architecture, on_delete=models.CASCADE, related_name="history_revisions"
    )
    number = models.PositiveIntegerField(help_text="The architecture's revision after the change.")
    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.CharField(max_length=200, help_text="The user, or the API token's name.")
    message = models.TextField(blank=True, default="")
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["architecture", "number"], name="history_revision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.architecture_id} r{self.number}"


class ObjectChange(models.Model):
    """One top-level spec object (`section`, `key`) as it was before and after."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="changes")
    section = models.CharField(max_length=32)  # "architecture", "services", "mesh", ...
    key = models.CharField(max_length=255, blank=True, default="")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["section", "key"], name="history_change_object")]

    def __str__(self) -> str:
        return f"{self.section} {self.key}: {self.kind}"

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"
