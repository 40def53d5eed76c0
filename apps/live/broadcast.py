"""Tell the viewers of an architecture that it changed.

`touch()` in the architectures services calls announce_after_commit() for every
change: viewers hear of it once it has committed, so that nobody is told about a
revision they could not yet load.
"""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from apps.architectures.models import Architecture
from apps.history.models import ObjectChange

from .groups import architecture_group


def what_changed(architecture: Architecture) -> str:
    """The objects the architecture's current revision changed, as a page names them.

    "order-service", "order-service and 3 more", or the architecture's own name when
    the history names no object (its own fields changed).
    """
    names = (
        ObjectChange.objects.filter(
            revision__architecture=architecture, revision__number=architecture.revision
        )
        .exclude(key="")
        .values_list("key", flat=True)
        .distinct()
        .order_by("key")
    )
    first = names.first()
    if first is None:
        return architecture.name
    others = names.count() - 1
    return f"{first} and {others} more" if others else first


def change_message(architecture: Architecture, actor) -> dict:
    """The message viewers receive: the new revision, who made it, and what it was."""
    actor_name = actor.get_username() if actor is not None else "Someone"
    return {
        "type": "architecture.changed",
        "revision": architecture.revision,
        "actor": actor_name,
        "summary": f"{actor_name} changed {what_changed(architecture)}",
    }


def announce_after_commit(architecture_id: int, actor) -> None:
    """Announce the change once the current transaction commits.

    Robust: a channel layer that cannot be reached is logged and does not fail the
    change already saved; viewers then catch up through the polling fallback.
    """

    def announce() -> None:
        announce_change(architecture_id, actor)

    transaction.on_commit(announce, robust=True)


def announce_change(architecture_id: int, actor) -> None:
    """Send the architecture's current revision to its viewers."""
    layer = get_channel_layer()
    architecture = Architecture.objects.filter(pk=architecture_id).first()
    if layer is None or architecture is None:
        return
    async_to_sync(layer.group_send)(
        architecture_group(architecture_id), change_message(architecture, actor)
    )
