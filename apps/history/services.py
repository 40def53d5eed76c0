"""Restoring an architecture to an earlier revision."""

from __future__ import annotations

from django.db import transaction

from apps.architectures.models import Architecture
from apps.architectures.services import apply_spec

from .context import current, describe_change
from .selectors import spec_at


@transaction.atomic
def restore_revision(*, actor, architecture: Architecture, number: int, message: str = "") -> None:
    """Make the architecture what it was at revision `number`, as a new revision
    (which can itself be restored away). Nothing to change, no new revision."""
    locked = Architecture.objects.select_for_update().get(pk=architecture.pk)
    spec = spec_at(locked, number)
    why = message or current().message or f"Restored revision {number}"
    with describe_change(message=why, restored_from=number):
        apply_spec(actor=actor, architecture=locked, spec=spec)
    architecture.refresh_from_db()
