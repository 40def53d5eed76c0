"""Reading comments back, with a fixed number of queries whatever their number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from microservices.spec import SpecValidationError

from .models import Comment
from .targets import ARCHITECTURE, Target, existing

STATUSES = ("open", "resolved", "all")


def parse_status(text: str | None) -> str:
    status = text or "open"
    if status not in STATUSES:
        raise SpecValidationError.single(f"status is one of {', '.join(STATUSES)}", ("status",))
    return status


def target_of(comment: Comment) -> Target:
    return Target(comment.concept, comment.object_key)


def threads(architecture, *, target: Target | None = None, status: str = "all") -> QuerySet:
    """The architecture's threads, oldest first, replies and users loaded along."""
    found = Comment.objects.filter(architecture=architecture, parent=None)
    if target is not None:
        found = found.filter(concept=target.concept, object_key=target.key)
    if status == "open":
        found = found.filter(resolved_at=None)
    elif status == "resolved":
        found = found.exclude(resolved_at=None)
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return found.select_related("author", "resolved_by").prefetch_related(
        Prefetch("replies", queryset=replies)
    )


def comment_of(architecture, pk: int) -> Comment:
    """A comment of the architecture (404 for any other), with its thread's first comment."""
    found = (
        Comment.objects.filter(architecture=architecture, pk=pk)
        .select_related("author", "parent")
        .first()
    )
    if found is None:
        raise Http404
    return found


def thread_of(architecture, comment: Comment) -> Comment:
    """The thread `comment` belongs to, loaded as `threads` loads them."""
    return threads(architecture, status="all").get(pk=comment.parent_id or comment.pk)


@dataclass(frozen=True)
class OpenCount:
    target: Target
    open: int
    exists: bool


def open_counts(architecture) -> list[OpenCount]:
    """Open threads per object (objects with none left out), the architecture first."""
    grouped = (
        Comment.objects.filter(architecture=architecture, parent=None, resolved_at=None)
        .order_by()
        .values("concept", "object_key")
        .annotate(n=Count("pk"))
    )
    counts = {Target(row["concept"], row["object_key"]): row["n"] for row in grouped}
    present = existing(architecture, counts)
    ordered = sorted(counts, key=lambda t: (t != ARCHITECTURE, t.concept, t.key))
    return [OpenCount(target, counts[target], target in present) for target in ordered]
