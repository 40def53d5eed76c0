"""Writes to workspaces and memberships."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from .models import Membership, Role, Workspace


def unique_workspace_slug(name: str) -> str:
    base = slugify(name)[:50] or "workspace"
    slug, n = base, 1
    while Workspace.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_workspace(*, actor, name: str, slug: str = "") -> Workspace:
    """A new workspace whose creator is its owner."""
    workspace = Workspace.objects.create(name=name, slug=slug or unique_workspace_slug(name))
    Membership.objects.create(workspace=workspace, user=actor, role=Role.OWNER)
    return workspace


@transaction.atomic
def set_membership(*, workspace: Workspace, user, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        workspace=workspace, user=user, defaults={"role": role}
    )
    return membership
