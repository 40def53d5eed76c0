"""The members page of a workspace: the list for every member; inviting, changing
roles and removing for owners; leaving for anyone but the last owner.

A refused change (unknown user, already a member, last owner) re-renders the page
with the reason and a 4xx status; nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from .access import Action, get_workspace_for, role_allows
from .forms import InviteForm, RoleForm
from .models import Membership, Role, Workspace
from .selectors import member_named, members_of
from .services import (
    AlreadyMember,
    MembershipRefused,
    NotAMember,
    add_member,
    change_role,
    remove_member,
)


def _members_page(
    request: HttpRequest,
    workspace: Workspace,
    invite_form: InviteForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    can_manage = role_allows(workspace.role, Action.MANAGE)
    context = {
        "workspace": workspace,
        "members": members_of(workspace),
        "can_manage": can_manage,
        "invite_form": (invite_form or InviteForm()) if can_manage else None,
        "roles": Role.choices,
        "refusal": refusal,
        "trail": [("Members", None)],
    }
    return render(request, "workspaces/members.html", context, status=status)


def _member_or_404(workspace: Workspace, username: str) -> Membership:
    membership = member_named(workspace, username)
    if membership is None:
        raise Http404
    return membership


def _refused(
    request: HttpRequest, workspace: Workspace, refusal: MembershipRefused
) -> HttpResponse:
    status = 404 if isinstance(refusal, NotAMember) else 409
    return _members_page(request, workspace, refusal=str(refusal), status=status)


def _left(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    messages.success(request, f"You left {workspace.name}.")
    return redirect("home")


@login_required
@require_GET
def members_page(request: HttpRequest, workspace: str) -> HttpResponse:
    return _members_page(request, get_workspace_for(request.user, workspace, Action.VIEW))


@login_required
@require_POST
def invite(request: HttpRequest, workspace: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.MANAGE)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            membership = add_member(
                actor=request.user,
                workspace=workspace_obj,
                identifier=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
            )
        except MembershipRefused as refusal:
            form.add_error(refusal.field or None, str(refusal))
            status = 409 if isinstance(refusal, AlreadyMember) else 400
            return _members_page(request, workspace_obj, invite_form=form, status=status)
        username = membership.user.get_username()
        messages.success(request, f"{username} is now a member, as {membership.role}.")
        return redirect("workspace-members", workspace_obj.slug)
    return _members_page(request, workspace_obj, invite_form=form, status=400)


@login_required
@require_POST
def change_member_role(request: HttpRequest, workspace: str, username: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.MANAGE)
    membership = _member_or_404(workspace_obj, username)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _members_page(request, workspace_obj, refusal="Choose a role.", status=400)
    try:
        change_role(
            actor=request.user,
            workspace=workspace_obj,
            user=membership.user,
            role=form.cleaned_data["role"],
        )
    except MembershipRefused as refusal:
        return _refused(request, workspace_obj, refusal)
    messages.success(request, f"{username} is now {form.cleaned_data['role']}.")
    return redirect("workspace-members", workspace_obj.slug)


@login_required
@require_POST
def remove(request: HttpRequest, workspace: str, username: str) -> HttpResponse:
    """Owners remove a member; a member removing themselves leaves (see `leave`)."""
    workspace_obj = get_workspace_for(request.user, workspace, Action.MANAGE)
    membership = _member_or_404(workspace_obj, username)
    try:
        remove_member(actor=request.user, workspace=workspace_obj, user=membership.user)
    except MembershipRefused as refusal:
        return _refused(request, workspace_obj, refusal)
    if membership.user == request.user:
        return _left(request, workspace_obj)
    messages.success(request, f"{username} is no longer a member.")
    return redirect("workspace-members", workspace_obj.slug)


@login_required
@require_POST
def leave(request: HttpRequest, workspace: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.VIEW)
    try:
        remove_member(actor=request.user, workspace=workspace_obj, user=request.user)
    except MembershipRefused as refusal:
        return _refused(request, workspace_obj, refusal)
    return _left(request, workspace_obj)
