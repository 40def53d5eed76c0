"""The home page (your workspaces), creating a workspace, and a workspace's page."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from apps.architectures.models import Architecture

from .access import Action, get_workspace_for, role_allows
from .forms import WorkspaceForm
from .models import Membership
from .services import create_workspace


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("workspace")
        .order_by("workspace__name")
    )
    by_workspace = defaultdict(list)
    for architecture in (
        Architecture.objects.filter(workspace__in=[m.workspace for m in memberships])
        .with_service_count()
        .order_by("-updated_at")
    ):
        by_workspace[architecture.workspace_id].append(architecture)
    for membership in memberships:
        membership.architectures = by_workspace[membership.workspace_id]
    return render(request, "workspaces/home.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def new_workspace(request: HttpRequest) -> HttpResponse:
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workspace = create_workspace(
                actor=request.user, name=form.cleaned_data["name"], slug=form.cleaned_data["slug"]
            )
        except IntegrityError:  # the slug was taken between the check and the insert
            form.add_error("slug", "Another workspace already uses this slug.")
        else:
            messages.success(request, f"Workspace {workspace.name} created; you own it.")
            return redirect("workspace", workspace.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "workspaces/new.html", {"form": form}, status=status)


@login_required
@require_GET
def workspace_page(request: HttpRequest, workspace: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.VIEW)
    architectures = (
        Architecture.objects.filter(workspace=workspace_obj)
        .select_related("updated_by")
        .with_service_count()
        .order_by("name")
    )
    members = workspace_obj.memberships.select_related("user").order_by("user__username")
    context = {
        "workspace": workspace_obj,
        "architectures": architectures,
        "members": members,
        "can_edit": role_allows(workspace_obj.role, Action.EDIT),
        "can_manage": role_allows(workspace_obj.role, Action.MANAGE),
    }
    return render(request, "workspaces/detail.html", context)
