"""Every change to comments: start a thread, reply, edit, delete, resolve and reopen.

Callers have already checked that the actor can view the architecture; the
checks that depend on the comment (author, role) are made here, so pages and API
apply the same rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from microservices.spec import SpecValidationError

from .models import BODY_MAX_LENGTH, Comment
from .permissions import can_change, can_resolve
from .targets import Target, existing


def clean_body(body: object) -> str:
    """The text of a comment, or a SpecValidationError on `body`."""
    if not isinstance(body, str):
        raise SpecValidationError.single("body must be text", ("body",))
    text = body.strip()
    if not text:
        raise SpecValidationError.single("write something first", ("body",))
    if len(text) > BODY_MAX_LENGTH:
        raise SpecValidationError.single(
            f"at most {BODY_MAX_LENGTH} characters ({len(text)} written)", ("body",)
        )
    return text


@transaction.atomic
def start_thread(*, actor, architecture, target: Target, body: object) -> Comment:
    text = clean_body(body)
    if target not in existing(architecture, [target]):
        raise SpecValidationError.single(
            f"there is no {target.label} in this architecture", ("object",)
        )
    return Comment.objects.create(
        architecture=architecture,
        concept=target.concept,
        object_key=target.key,
        author=actor,
        body=text,
    )


@transaction.atomic
def reply(*, actor, comment: Comment, body: object) -> Comment:
    """A reply to the thread `comment` belongs to (replies to replies join the thread)."""
    text = clean_body(body)
    thread_id = comment.parent_id or comment.pk
    return Comment.objects.create(
        architecture_id=comment.architecture_id,
        parent_id=thread_id,
        concept=comment.concept,
        object_key=comment.object_key,
        author=actor,
        body=text,
    )


def _check_author(actor, comment: Comment, verb: str) -> None:
    if not can_change(actor, comment):
        raise PermissionDenied(f"Only the author of a comment can {verb} it.")


@transaction.atomic
def edit_comment(*, actor, comment: Comment, body: object) -> Comment:
    _check_author(actor, comment, "edit")
    comment.body = clean_body(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def delete_comment(*, actor, comment: Comment) -> Comment | None:
    """Delete `comment`; a thread's first comment with replies is only emptied, so the
    replies keep their context. Answers the emptied comment, or None when it is gone."""
    _check_author(actor, comment, "delete")
    if comment.is_thread and comment.replies.exists():
        comment.body = ""
        comment.removed = True
        comment.save(update_fields=["body", "removed"])
        return comment
    comment.delete()
    return None


@transaction.atomic
def set_resolved(*, actor, role: str | None, thread: Comment, resolved: bool) -> Comment:
    if not thread.is_thread:
        raise SpecValidationError.single("only a thread's first comment is resolved", ("id",))
    if not can_resolve(actor, role, thread):
        raise PermissionDenied("Only the thread's author, editors and owners can resolve it.")
    if resolved != thread.resolved:
        thread.resolved_at = timezone.now() if resolved else None
        thread.resolved_by = actor if resolved else None
        thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread
