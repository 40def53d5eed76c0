"""Which architectures a user may follow live: those of workspaces they can view."""

from __future__ import annotations

from apps.architectures.models import Architecture
from apps.workspaces.access import workspaces_for


def viewable_architecture(user, architecture_id: int) -> Architecture | None:
    """The architecture when `user` may view it, else None (outsiders learn nothing)."""
    return Architecture.objects.filter(
        pk=architecture_id, workspace__in=workspaces_for(user)
    ).first()
