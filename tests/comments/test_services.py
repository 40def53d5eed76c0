"""Threads through the comment services: replies, resolving, and who may do what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from apps.architectures.services import import_spec
from apps.comments import selectors, services
from apps.comments.models import BODY_MAX_LENGTH, Comment
from apps.comments.targets import ARCHITECTURE, Target
from apps.workspaces.models import Role
from microservices.spec import SpecValidationError

from .conftest import ORDER_SERVICE, start

pytestmark = pytest.mark.django_db


def test_it_threads_replies_under_the_first_comment_even_when_replying_to_a_reply(
    viewer_thread, editor, owner
):
    first = services.reply(actor=editor, comment=viewer_thread, body="Yes: it needs the answer.")
    second = services.reply(actor=owner, comment=first, body="Then add a circuit breaker.")

    assert first.parent == viewer_thread and second.parent == viewer_thread
    (thread,) = selectors.threads(viewer_thread.architecture, target=ORDER_SERVICE)
    assert [reply.body for reply in thread.replies.all()] == [first.body, second.body]


def test_it_resolves_and_reopens_a_thread_recording_who(viewer_thread, editor):
    services.set_resolved(actor=editor, role=Role.EDITOR, thread=viewer_thread, resolved=True)
    viewer_thread.refresh_from_db()
    assert viewer_thread.resolved and viewer_thread.resolved_by == editor
    architecture = viewer_thread.architecture
    assert list(selectors.threads(architecture, status="open")) == []

    services.set_resolved(actor=editor, role=Role.EDITOR, thread=viewer_thread, resolved=False)
    viewer_thread.refresh_from_db()
    assert not viewer_thread.resolved and viewer_thread.resolved_by is None
    assert list(selectors.threads(architecture, status="open")) == [viewer_thread]


def test_a_viewer_resolves_their_own_thread_but_not_someone_elses(
    viewer_thread, editor_thread, viewer
):
    services.set_resolved(actor=viewer, role=Role.VIEWER, thread=viewer_thread, resolved=True)

    with pytest.raises(PermissionDenied):
        services.set_resolved(actor=viewer, role=Role.VIEWER, thread=editor_thread, resolved=True)
    editor_thread.refresh_from_db()
    assert not editor_thread.resolved


def test_only_the_author_edits_or_deletes_a_comment(viewer_thread, editor, viewer):
    with pytest.raises(PermissionDenied):
        services.edit_comment(actor=editor, comment=viewer_thread, body="rewritten")
    with pytest.raises(PermissionDenied):
        services.delete_comment(actor=editor, comment=viewer_thread)

    services.edit_comment(actor=viewer, comment=viewer_thread, body="Clearer question?")
    viewer_thread.refresh_from_db()
    assert viewer_thread.body == "Clearer question?" and viewer_thread.edited_at is not None


def test_deleting_a_first_comment_with_replies_keeps_the_thread_emptied(
    viewer_thread, editor, viewer
):
    reply = services.reply(actor=editor, comment=viewer_thread, body="An answer.")

    services.delete_comment(actor=viewer, comment=viewer_thread)

    viewer_thread.refresh_from_db()
    assert viewer_thread.removed and viewer_thread.body == ""
    assert Comment.objects.filter(pk=reply.pk).exists()
    services.delete_comment(actor=editor, comment=reply)
    assert not Comment.objects.filter(pk=reply.pk).exists()


def test_deleting_a_lone_first_comment_removes_the_thread(viewer_thread, viewer):
    services.delete_comment(actor=viewer, comment=viewer_thread)

    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "write something first"), ("x" * (BODY_MAX_LENGTH + 1), "at most"), (7, "text")],
)
def test_it_refuses_empty_too_long_or_non_text_bodies(architecture, viewer, body, message):
    with pytest.raises(SpecValidationError) as raised:
        start(viewer, architecture, body)

    assert message in raised.value.errors[0].message
    assert not Comment.objects.exists()


def test_it_refuses_a_thread_on_an_object_that_does_not_exist(architecture, viewer):
    with pytest.raises(SpecValidationError):
        start(viewer, architecture, target=Target("services", "no-such-service"))


def test_a_thread_outlives_its_object_and_counts_say_the_object_is_gone(
    architecture, owner, viewer, reference_spec
):
    start(viewer, architecture, target=Target("sagas", "order-creation"))
    start(viewer, architecture, target=ARCHITECTURE)
    without_sagas = reference_spec.model_copy(update={"sagas": []})
    import_spec(
        actor=owner, workspace=architecture.workspace, spec=without_sagas, architecture=architecture
    )

    counts = {str(count.target): count for count in selectors.open_counts(architecture)}
    assert counts["sagas:order-creation"].open == 1
    assert not counts["sagas:order-creation"].exists
    assert counts["architecture"].exists
