"""The audit log page of a workspace: owners only, newest first, a page at a time."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import Action, get_workspace_for
from .selectors import audit_events_of

EVENTS_PER_PAGE = 50


@login_required
@require_GET
def audit_page(request: HttpRequest, workspace: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.MANAGE)
    page = Paginator(audit_events_of(workspace_obj), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"workspace": workspace_obj, "page": page, "trail": [("Audit log", None)]}
    return render(request, "workspaces/audit.html", context)
