"""Who may do what: one place that turns a user and an action into a queryset.

Objects of a workspace the user is not a member of do not exist for them (404);
a member whose role does not allow the action gets 403.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Membership, Role, Workspace


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE = "manage"


ROLES_ALLOWED = {
    Action.VIEW: {Role.OWNER, Role.EDITOR, Role.VIEWER},
    Action.EDIT: {Role.OWNER, Role.EDITOR},
    Action.MANAGE: {Role.OWNER},
}


def role_allows(role: str, action: Action) -> bool:
    return role in ROLES_ALLOWED[action]


def membership_q(user, action: Action = Action.VIEW, through: str = "") -> Q:
    """Rows whose workspace (reached `through` a relation path) lets `user` `action`."""
    prefix = f"{through}__" if through else ""
    return Q(
        **{
            f"{prefix}memberships__user": user,
            f"{prefix}memberships__role__in": ROLES_ALLOWED[action],
        }
    )


def workspaces_for(user, action: Action = Action.VIEW) -> QuerySet[Workspace]:
    if not user.is_authenticated:
        return Workspace.objects.none()
    return Workspace.objects.filter(membership_q(user, action))


def role_in(user, workspace: Workspace) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, workspace=workspace)
        .values_list("role", flat=True)
        .first()
    )


def check_role(role: str | None, action: Action, what: str = "this workspace") -> None:
    """404 for outsiders, 403 for members whose role is not enough."""
    if role is None:
        raise Http404
    if not role_allows(role, action):
        raise PermissionDenied(f"Your role ({role}) cannot {action} {what}.")


def get_workspace_for(user, slug: str, action: Action = Action.VIEW) -> Workspace:
    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise Http404
    role = role_in(user, workspace)
    check_role(role, action)
    workspace.role = role  # the caller's role, for templates and checks further on
    return workspace
