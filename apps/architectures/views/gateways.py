"""The API gateway page: its settings and its routes, in the order they are matched."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.workspaces.access import Action

from ..concepts import GATEWAYS, get_concept
from ..selectors import object_data, rows
from .display import table
from .locate import architecture_for, named_object
from .ordering import children_table
from .routing import Place


@require_GET
def gateway_page(request: HttpRequest, workspace: str, architecture: str, key: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    gateway = named_object(arch, GATEWAYS, key)
    top = Place(arch.workspace.slug, arch.slug)
    own = Place(arch.workspace.slug, arch.slug, GATEWAYS, gateway.name)
    data = object_data(GATEWAYS, rows(GATEWAYS, pk=gateway.pk).get())
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "gateway": gateway,
        "summary": table(GATEWAYS, top, [(gateway.pk, data)], can_edit=arch.can_edit),
        "table": children_table(get_concept("routes"), own, gateway, can_edit=arch.can_edit),
        "trail": [(f"API gateway: {gateway.name}", "")],
    }
    return render(request, "architectures/gateways/detail.html", context)
