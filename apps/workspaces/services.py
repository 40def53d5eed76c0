"""Writes to workspaces and memberships, each with its row in the audit log.

Membership changes lock every membership row of the workspace first
(SELECT … FOR UPDATE), then check the rules on what they read under the lock. Two
owners demoting each other at the same moment are thus serialised: the second
sees the first one's change and is refused, so a workspace always keeps an owner.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from . import audit
from .access import Action, role_allows
from .models import AuditAction, Membership, Role, Workspace


class MembershipRefused(Exception):
    """A membership change that breaks a rule. `field` names the input it is about."""

    code = "refused"
    field = ""


class UnknownUser(MembershipRefused):
    code = "unknown_user"
    field = "user"


class AlreadyMember(MembershipRefused):
    code = "already_member"
    field = "user"


class NotAMember(MembershipRefused):
    code = "not_a_member"


class LastOwner(MembershipRefused):
    code = "last_owner"


# Only an owner changes others, so the last owner can only be changed by themselves.
LAST_OWNER = "You are this workspace's last owner: make another member an owner first."


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
    audit.record(
        actor=actor,
        action=AuditAction.WORKSPACE_CREATED,
        workspace=workspace,
        subject=actor,
        details={"role": Role.OWNER.value},
    )
    return workspace


@transaction.atomic
def set_membership(*, workspace: Workspace, user, role: str, actor=None) -> Membership:
    """Give `user` `role` without the rules of the pages: for setup commands and fixtures."""
    previous = Membership.objects.filter(workspace=workspace, user=user).first()
    membership, _ = Membership.objects.update_or_create(
        workspace=workspace, user=user, defaults={"role": role}
    )
    if previous is None:
        audit.record(
            actor=actor,
            action=AuditAction.MEMBER_ADDED,
            workspace=workspace,
            subject=user,
            details={"role": role},
        )
    elif previous.role != role:
        audit.record(
            actor=actor,
            action=AuditAction.ROLE_CHANGED,
            workspace=workspace,
            subject=user,
            details={"from": previous.role, "to": role},
        )
    return membership


def find_user(identifier: str):
    """The active user with this username, or else this email address (case-insensitive)."""
    identifier = identifier.strip()
    users = get_user_model().objects.filter(is_active=True)
    exact = users.filter(username=identifier).first()
    if exact is not None:
        return exact
    field = "email" if "@" in identifier else "username"
    matches = list(users.filter(**{f"{field}__iexact": identifier})[:2])
    if not matches:
        what = "email address" if field == "email" else "username"
        raise UnknownUser(f"No user has the {what} {identifier}.")
    if len(matches) > 1:
        raise UnknownUser(f"Several users match {identifier}: invite by exact username.")
    return matches[0]


def _locked_memberships(workspace: Workspace) -> list[Membership]:
    """Every membership of the workspace, locked until the transaction ends."""
    return list(Membership.objects.select_for_update().filter(workspace=workspace).order_by("pk"))


def _membership_of(memberships: list[Membership], user) -> Membership | None:
    return next((m for m in memberships if m.user_id == user.pk), None)


def _check_actor_manages(memberships: list[Membership], actor) -> None:
    """Checked again under the lock: the actor may have been demoted a moment ago."""
    mine = _membership_of(memberships, actor)
    if mine is None:
        raise NotAMember("You are not a member of this workspace.")
    if not role_allows(mine.role, Action.MANAGE):
        raise PermissionDenied(f"Your role ({mine.role}) cannot manage this workspace's members.")


def _target(memberships: list[Membership], user) -> Membership:
    membership = _membership_of(memberships, user)
    if membership is None:
        raise NotAMember(f"{user.get_username()} is not a member of this workspace.")
    return membership


def _is_last_owner(memberships: list[Membership], membership: Membership) -> bool:
    owners = [m for m in memberships if m.role == Role.OWNER]
    return owners == [membership]


@transaction.atomic
def add_member(*, actor, workspace: Workspace, identifier: str, role: str) -> Membership:
    """Invite an existing user, found by username or email, with `role`."""
    role = Role(role)
    memberships = _locked_memberships(workspace)
    _check_actor_manages(memberships, actor)
    user = find_user(identifier)
    already = AlreadyMember(f"{user.get_username()} is already a member of this workspace.")
    if _membership_of(memberships, user) is not None:
        raise already
    try:
        with transaction.atomic():
            membership = Membership.objects.create(workspace=workspace, user=user, role=role)
    except IntegrityError:  # invited by someone else since the lock was taken
        raise already from None
    audit.record(
        actor=actor,
        action=AuditAction.MEMBER_ADDED,
        workspace=workspace,
        subject=user,
        details={"role": role.value},
    )
    return membership


@transaction.atomic
def change_role(*, actor, workspace: Workspace, user, role: str) -> Membership:
    """Give a member another role; the last owner keeps theirs."""
    role = Role(role)
    memberships = _locked_memberships(workspace)
    _check_actor_manages(memberships, actor)
    membership = _target(memberships, user)
    if membership.role == role:
        return membership
    if role != Role.OWNER and _is_last_owner(memberships, membership):
        raise LastOwner(LAST_OWNER)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        actor=actor,
        action=AuditAction.ROLE_CHANGED,
        workspace=workspace,
        subject=user,
        details={"from": previous, "to": role.value},
    )
    return membership


@transaction.atomic
def remove_member(*, actor, workspace: Workspace, user) -> None:
    """Owners remove anyone; every member may remove themselves (leave). Never the last owner."""
    memberships = _locked_memberships(workspace)
    leaving = actor.pk == user.pk
    if not leaving:
        _check_actor_manages(memberships, actor)
    membership = _target(memberships, user)
    if _is_last_owner(memberships, membership):
        raise LastOwner(LAST_OWNER)
    membership.delete()
    audit.record(
        actor=actor,
        action=AuditAction.MEMBER_LEFT if leaving else AuditAction.MEMBER_REMOVED,
        workspace=workspace,
        subject=user,
        details={"role": membership.role},
    )
