"""Review comments: threads on an architecture or on one of its named objects.

A thread is its first comment (``parent`` is empty) plus the replies to it, one
level deep. The object a thread is about is named by concept key and natural key
(``services`` + ``order-service``), not by a foreign key, so that threads survive
edits, re-imports and deletion of the object (pages then say "object deleted").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

BODY_MAX_LENGTH = 5000
ARCHITECTURE_TARGET = "architecture"  # the `concept` of threads about the architecture itself


class Comment(models.Model):
    architecture = models.ForeignKey(
        "architectures.Architecture", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    concept = models.CharField(
        max_length=40, default=ARCHITECTURE_TARGET, help_text="What the thread is about."
    )
    object_key = models.CharField(
        max_length=253, blank=True, default="", help_text="Natural key of the object, if any."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH, blank=True)
    removed = models.BooleanField(
        default=False, help_text="Deleted by its author while replies remain: body cleared."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["architecture", "concept", "object_key"],
                condition=models.Q(parent__isnull=True),
                name="comment_thread_target",
            )
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.concept} {self.object_key}".strip()

    @property
    def is_thread(self) -> bool:
        return self.parent_id is None

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None
