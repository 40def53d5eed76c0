"""The rules of membership: inviting, changing roles, removing, leaving, the last owner."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from apps.workspaces.models import AuditAction, AuditEvent, Membership, Role
from apps.workspaces.services import (
    AlreadyMember,
    LastOwner,
    NotAMember,
    UnknownUser,
    add_member,
    change_role,
    remove_member,
    set_membership,
)
from tests.fixtures import make_user

pytestmark = pytest.mark.django_db


def role_of(workspace, user) -> str | None:
    return (
        Membership.objects.filter(workspace=workspace, user=user)
        .values_list("role", flat=True)
        .first()
    )


def events(workspace) -> list[tuple[str, str, str]]:
    return list(
        AuditEvent.objects.filter(workspace=workspace)
        .order_by("pk")
        .values_list("action", "actor_name", "subject_name")
    )


@pytest.mark.parametrize(
    "identifier", ["oscar", "OSCAR", "oscar@example.com", " Oscar@Example.com "]
)
def test_it_invites_an_existing_user_by_username_or_email(workspace, owner, outsider, identifier):
    membership = add_member(
        actor=owner, workspace=workspace, identifier=identifier, role=Role.EDITOR
    )

    assert membership.user == outsider
    assert role_of(workspace, outsider) == Role.EDITOR
    assert events(workspace)[-1] == (AuditAction.MEMBER_ADDED, "olivia", "oscar")


def test_it_refuses_to_invite_someone_who_has_no_account(workspace, owner):
    before = events(workspace)

    with pytest.raises(UnknownUser, match=r"nobody@example\.com"):
        add_member(
            actor=owner, workspace=workspace, identifier="nobody@example.com", role=Role.VIEWER
        )
    with pytest.raises(UnknownUser, match="nobody"):
        add_member(actor=owner, workspace=workspace, identifier="nobody", role=Role.VIEWER)

    assert events(workspace) == before


def test_it_refuses_an_email_shared_by_several_users(workspace, owner):
    for username in ("twin-a", "twin-b"):
        user = make_user(username)
        user.email = "twins@example.com"
        user.save()

    with pytest.raises(UnknownUser, match="exact username"):
        add_member(
            actor=owner, workspace=workspace, identifier="twins@example.com", role=Role.VIEWER
        )


def test_it_refuses_to_invite_a_member_twice_and_keeps_their_role(workspace, owner, viewer):
    before = events(workspace)

    with pytest.raises(AlreadyMember):
        add_member(actor=owner, workspace=workspace, identifier="vera", role=Role.OWNER)

    assert role_of(workspace, viewer) == Role.VIEWER
    assert events(workspace) == before


def test_an_owner_changes_a_role_and_the_log_says_from_what_to_what(workspace, owner, viewer):
    change_role(actor=owner, workspace=workspace, user=viewer, role=Role.EDITOR)

    assert role_of(workspace, viewer) == Role.EDITOR
    event = AuditEvent.objects.filter(workspace=workspace).latest("pk")
    assert (event.action, event.subject_name) == (AuditAction.ROLE_CHANGED, "vera")
    assert event.details == {"from": "viewer", "to": "editor"}
    assert event.summary == "olivia changed the role of vera from viewer to editor"


def test_setting_the_same_role_again_changes_and_logs_nothing(workspace, owner, viewer):
    before = events(workspace)

    change_role(actor=owner, workspace=workspace, user=viewer, role=Role.VIEWER)

    assert events(workspace) == before


def test_the_last_owner_cannot_be_demoted(workspace, owner):
    before = events(workspace)

    with pytest.raises(LastOwner, match="last owner"):
        change_role(actor=owner, workspace=workspace, user=owner, role=Role.EDITOR)

    assert role_of(workspace, owner) == Role.OWNER
    assert events(workspace) == before


def test_the_last_owner_can_neither_be_removed_nor_leave(workspace, owner):
    with pytest.raises(LastOwner, match="You are this workspace's last owner"):
        remove_member(actor=owner, workspace=workspace, user=owner)

    assert role_of(workspace, owner) == Role.OWNER


def test_an_owner_may_step_down_once_there_is_another_owner(workspace, owner, co_owner):
    change_role(actor=owner, workspace=workspace, user=owner, role=Role.VIEWER)

    assert role_of(workspace, owner) == Role.VIEWER
    with pytest.raises(LastOwner, match="You are this workspace's last owner"):
        change_role(actor=co_owner, workspace=workspace, user=co_owner, role=Role.EDITOR)


def test_an_owner_removes_a_member(workspace, owner, editor):
    remove_member(actor=owner, workspace=workspace, user=editor)

    assert role_of(workspace, editor) is None
    assert events(workspace)[-1] == (AuditAction.MEMBER_REMOVED, "olivia", "eddie")


def test_an_owner_removes_another_owner_but_not_the_last(workspace, owner, co_owner):
    remove_member(actor=owner, workspace=workspace, user=co_owner)

    assert role_of(workspace, co_owner) is None
    with pytest.raises(LastOwner):
        remove_member(actor=owner, workspace=workspace, user=owner)


@pytest.mark.parametrize("persona", ["editor", "viewer"])
def test_any_member_may_leave(request, workspace, persona):
    user = request.getfixturevalue(persona)

    remove_member(actor=user, workspace=workspace, user=user)

    assert role_of(workspace, user) is None
    action, actor, subject = events(workspace)[-1]
    assert (action, actor, subject) == (AuditAction.MEMBER_LEFT, user.username, user.username)


@pytest.mark.parametrize("persona", ["editor", "viewer"])
def test_only_owners_manage_members(request, workspace, persona, owner, outsider):
    actor = request.getfixturevalue(persona)
    before = events(workspace)

    with pytest.raises(PermissionDenied):
        add_member(actor=actor, workspace=workspace, identifier="oscar", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        change_role(actor=actor, workspace=workspace, user=owner, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        remove_member(actor=actor, workspace=workspace, user=owner)

    assert role_of(workspace, outsider) is None
    assert role_of(workspace, owner) == Role.OWNER
    assert events(workspace) == before


def test_an_outsider_changes_nothing_in_someone_elses_workspace(workspace, outsider, viewer):
    with pytest.raises(NotAMember):
        change_role(actor=outsider, workspace=workspace, user=viewer, role=Role.OWNER)
    with pytest.raises(NotAMember):
        add_member(actor=outsider, workspace=workspace, identifier="oscar", role=Role.OWNER)

    assert role_of(workspace, viewer) == Role.VIEWER
    assert role_of(workspace, outsider) is None


def test_changing_someone_who_is_not_a_member_is_refused(workspace, owner, outsider):
    with pytest.raises(NotAMember):
        change_role(actor=owner, workspace=workspace, user=outsider, role=Role.EDITOR)
    with pytest.raises(NotAMember):
        remove_member(actor=owner, workspace=workspace, user=outsider)


def test_setup_changes_without_an_actor_are_logged_as_the_systems(workspace, outsider):
    set_membership(workspace=workspace, user=outsider, role=Role.VIEWER)
    set_membership(workspace=workspace, user=outsider, role=Role.VIEWER)
    set_membership(workspace=workspace, user=outsider, role=Role.OWNER)

    assert events(workspace)[-2:] == [
        (AuditAction.MEMBER_ADDED, "", "oscar"),
        (AuditAction.ROLE_CHANGED, "", "oscar"),
    ]
    assert AuditEvent.objects.filter(workspace=workspace).latest("pk").summary == (
        "The system changed the role of oscar from viewer to owner"
    )
