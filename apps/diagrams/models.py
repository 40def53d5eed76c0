"""Diagrams in the product: the render cache and the review packs.

A render is the output of the diagram engine for one (architecture revision,
view, options, format). It lives in the database so that web processes and
workers share it, and an unchanged architecture is never laid out twice. A
review pack is the PDF one ``review_pack`` job (apps/jobs) made.
"""

from __future__ import annotations

from django.db import models


class Render(models.Model):
    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="diagram_renders"
    )
    revision = models.PositiveIntegerField(help_text="The architecture's revision drawn.")
    view = models.CharField(max_length=30)
    fmt = models.CharField("format", max_length=20)
    digest = models.CharField(
        max_length=64, help_text="SHA-256 of the options, the findings overlay and the links."
    )
    options = models.JSONField(default=dict, blank=True, help_text="The options, for people.")
    content = models.BinaryField()
    media_type = models.CharField(max_length=100)
    notes = models.JSONField(default=list, blank=True, help_text="Sentences shown with it.")
    collapsed = models.BooleanField(default=False)
    node_count = models.PositiveIntegerField(default=0)
    edge_count = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0.0, help_text="Time spent building and rendering.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["architecture", "revision", "view", "digest", "fmt"],
                name="diagram_render_once",
            )
        ]
        indexes = [
            models.Index(fields=["architecture", "-created_at"], name="diagram_render_recent")
        ]

    def __str__(self) -> str:
        return f"{self.view}.{self.fmt} of {self.architecture_id} at revision {self.revision}"


class ReviewPack(models.Model):
    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="review_packs"
    )
    job = models.OneToOneField(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_pack"
    )
    revision = models.PositiveIntegerField()
    pdf = models.BinaryField()
    pages = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["architecture", "-created_at"], name="review_pack_recent")]

    def __str__(self) -> str:
        return f"Review pack of {self.architecture_id} at revision {self.revision}"
