"""The architecture WebSocket: members hear about changes and each other, nobody else connects."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from .scenarios import change_a_service, change_seen_by_a_member
from .sockets import next_of_type, receive, socket_for

# The socket reads the session and memberships from another thread: rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def test_it_tells_a_member_the_new_revision_and_who_made_it(editor, owner, architecture):
    message, revision = change_seen_by_a_member(editor, owner, architecture)

    assert message["revision"] == revision > architecture.revision
    assert message["actor"] == owner.username
    assert message["summary"] == f"{owner.username} changed order-service"


def test_it_tells_a_viewer_too(viewer, editor, architecture):
    message, revision = change_seen_by_a_member(viewer, editor, architecture)

    assert message["revision"] == revision
    assert message["actor"] == editor.username


def test_it_refuses_a_member_of_another_workspace_who_then_hears_nothing(
    outsider, owner, architecture
):
    socket = socket_for(outsider, architecture.pk)

    async def scenario():
        connected, _ = await socket.connect()
        await database_sync_to_async(change_a_service)(owner, architecture)
        return connected, await socket.receive_nothing(timeout=0.5)

    connected, heard_nothing = async_to_sync(scenario)()
    assert not connected
    assert heard_nothing


def test_it_refuses_an_anonymous_visitor(architecture):
    socket = socket_for(None, architecture.pk)

    connected, _ = async_to_sync(socket.connect)()

    assert not connected


def test_it_refuses_an_architecture_that_does_not_exist(owner, architecture):
    socket = socket_for(owner, architecture.pk + 1000)

    connected, _ = async_to_sync(socket.connect)()

    assert not connected


def test_members_see_each_other_arrive_and_leave(owner, editor, architecture):
    first, second = socket_for(owner, architecture.pk), socket_for(editor, architecture.pk)

    async def scenario():
        assert (await first.connect())[0]
        assert (await second.connect())[0]
        joined = await next_of_type(first, "join")
        already_here = await next_of_type(second, "here")
        await second.disconnect()
        left = await next_of_type(first, "leave")
        await first.disconnect()
        return joined, already_here, left

    joined, already_here, left = async_to_sync(scenario)()
    assert joined["viewer"]["username"] == editor.username
    assert already_here["viewer"]["username"] == owner.username
    assert left["viewer"]["id"] == joined["viewer"]["id"]


def test_members_see_which_object_someone_is_editing(owner, editor, architecture):
    service_path = f"/w/acme/{architecture.slug}/services/order-service/"
    first, second = socket_for(owner, architecture.pk), socket_for(editor, architecture.pk)

    async def scenario():
        assert (await first.connect())[0]
        assert (await second.connect())[0]
        await next_of_type(first, "join")
        await second.send_json_to({"type": "editing", "object": service_path})
        editing = await next_of_type(first, "here")
        await second.send_json_to({"type": "editing", "object": None})
        stopped = await next_of_type(first, "here")
        await second.disconnect()
        await first.disconnect()
        return editing, stopped

    editing, stopped = async_to_sync(scenario)()
    assert editing["viewer"]["username"] == editor.username
    assert editing["viewer"]["editing"] == service_path
    assert stopped["viewer"]["editing"] is None


def test_it_ignores_an_editing_claim_that_is_not_a_path(owner, editor, architecture):
    first, second = socket_for(owner, architecture.pk), socket_for(editor, architecture.pk)

    async def scenario():
        assert (await first.connect())[0]
        assert (await second.connect())[0]
        await next_of_type(first, "join")
        await second.send_json_to({"type": "editing", "object": "javascript:alert(1)"})
        message = await receive(first)
        await second.disconnect()
        await first.disconnect()
        return message

    assert async_to_sync(scenario)()["viewer"]["editing"] is None


def test_a_change_reaches_only_the_changed_architectures_viewers(
    outsider, owner, architecture, other_architecture
):
    socket = socket_for(outsider, other_architecture.pk)

    async def scenario():
        assert (await socket.connect())[0]
        await database_sync_to_async(change_a_service)(owner, architecture)
        heard_nothing = await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
        return heard_nothing

    assert async_to_sync(scenario)()
