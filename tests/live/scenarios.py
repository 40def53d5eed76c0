"""What the consumer tests do, written once so that they run on any channel layer."""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from apps.architectures.concepts import SERVICES
from apps.architectures.models import Architecture, Service
from apps.architectures.services import save_object
from microservices.spec.model import ServiceFields

from .sockets import next_of_type, socket_for


def change_a_service(actor, architecture: Architecture) -> int:
    """Save a service the way its edit form does; returns the revision it committed."""
    service = Service.objects.get(architecture=architecture, name="order-service")
    save_object(
        actor=actor,
        architecture=architecture,
        concept=SERVICES,
        data=ServiceFields(name="order-service", owner="team-checkout"),
        instance=service,
    )
    return Architecture.objects.get(pk=architecture.pk).revision


def add_a_service(actor, architecture: Architecture, name: str) -> None:
    save_object(
        actor=actor, architecture=architecture, concept=SERVICES, data=ServiceFields(name=name)
    )


def change_seen_by_a_member(member, actor, architecture: Architecture) -> tuple[dict, int]:
    """Connect `member`, let `actor` change the architecture; the change message and revision."""
    socket = socket_for(member, architecture.pk)

    async def scenario():
        connected, _ = await socket.connect()
        assert connected
        revision = await database_sync_to_async(change_a_service)(actor, architecture)
        message = await next_of_type(socket, "change")
        await socket.disconnect()
        return message, revision

    return async_to_sync(scenario)()
