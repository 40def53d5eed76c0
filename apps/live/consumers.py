"""The WebSocket an architecture's pages keep open: changes and presence.

Messages to the browser, each a JSON object with a `type`:
  change   {revision, actor, summary}  a change was committed
  join     {viewer}                    someone opened one of the pages
  here     {viewer}                    someone already there, or still there (heartbeat)
  leave    {viewer}                    someone closed their page
Messages from the browser:
  editing  {object}                    the page's edit form is for this object (or null)
  heartbeat                            repeat my state to the others
"""

from __future__ import annotations

import uuid

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .access import viewable_architecture
from .groups import architecture_group
from .presence import Viewer, editing_path, initials_of


class ArchitectureConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        architecture_id = self.scope["url_route"]["kwargs"]["architecture_id"]
        if user is None or not user.is_authenticated:
            await self.close()
            return
        if await database_sync_to_async(viewable_architecture)(user, architecture_id) is None:
            await self.close()
            return
        self.group = architecture_group(architecture_id)
        self.viewer = Viewer(
            id=uuid.uuid4().hex, username=user.get_username(), initials=initials_of(user)
        )
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self._tell_group("presence.join")

    async def disconnect(self, code: int) -> None:
        if getattr(self, "viewer", None) is None:
            return  # refused before joining
        await self._tell_group("presence.leave")
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "editing":
            self.viewer.editing = editing_path(content.get("object"))
            await self._tell_group("presence.here")
        elif content.get("type") == "heartbeat":
            await self._tell_group("presence.here")

    async def _tell_group(self, event_type: str) -> None:
        await self.channel_layer.group_send(
            self.group,
            {"type": event_type, "viewer": self.viewer.as_dict(), "reply_to": self.channel_name},
        )

    # --- events from the channel layer ----------------------------------------------

    async def architecture_changed(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "change",
                "revision": event["revision"],
                "actor": event["actor"],
                "summary": event["summary"],
            }
        )

    async def presence_join(self, event: dict) -> None:
        if event["reply_to"] == self.channel_name:
            return
        await self.send_json({"type": "join", "viewer": event["viewer"]})
        # Answer the newcomer alone, so that it learns who was already here.
        await self.channel_layer.send(
            event["reply_to"],
            {
                "type": "presence.here",
                "viewer": self.viewer.as_dict(),
                "reply_to": self.channel_name,
            },
        )

    async def presence_here(self, event: dict) -> None:
        if event["reply_to"] != self.channel_name:
            await self.send_json({"type": "here", "viewer": event["viewer"]})

    async def presence_leave(self, event: dict) -> None:
        if event["reply_to"] != self.channel_name:
            await self.send_json({"type": "leave", "viewer": event["viewer"]})
