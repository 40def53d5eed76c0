"""Who may do what with comments.

Anyone who can view an architecture (viewers are the reviewers) may start threads and
reply. Resolving and reopening a thread is for its author and for editors and owners.
Editing and deleting a comment is for its author only.
"""

from __future__ import annotations

from apps.workspaces.access import Action, role_allows

from .models import Comment


def can_resolve(user, role: str | None, thread: Comment) -> bool:
    if role is None:
        return False
    return thread.author_id == user.pk or role_allows(role, Action.EDIT)


def can_change(user, comment: Comment) -> bool:
    return comment.author_id is not None and comment.author_id == user.pk and not comment.removed
