"""Opening an architecture's WebSocket the way a browser does: session cookie and Origin."""

from __future__ import annotations

from channels.testing import WebsocketCommunicator
from django.test import Client

from designer.asgi import application

# Long enough for a message to cross a real Redis, short enough to keep "nothing
# arrived" checks quick.
RECEIVE_TIMEOUT_SECONDS = 2


def session_cookie(user) -> bytes:
    if user is None:
        return b""
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def socket_for(user, architecture_id: int) -> WebsocketCommunicator:
    """A not yet connected socket of `user` (None: anonymous) on the architecture's pages."""
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if user is not None:
        headers.append((b"cookie", session_cookie(user)))
    return WebsocketCommunicator(application, f"/ws/architectures/{architecture_id}/", headers)


async def receive(socket: WebsocketCommunicator) -> dict:
    return await socket.receive_json_from(timeout=RECEIVE_TIMEOUT_SECONDS)


async def next_of_type(socket: WebsocketCommunicator, message_type: str) -> dict:
    """The next message of `message_type`, skipping others (presence arrives at any time)."""
    while True:
        message = await receive(socket)
        if message["type"] == message_type:
            return message
