"""The saga page: its settings and its steps, each action with its compensation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.workspaces.access import Action

from ..concepts import SAGAS, get_concept
from ..selectors import object_data, rows
from .display import table
from .locate import architecture_for, named_object
from .ordering import children_table
from .routing import Place


@require_GET
def saga_page(request: HttpRequest, workspace: str, architecture: str, key: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    saga = named_object(arch, SAGAS, key)
    top = Place(arch.workspace.slug, arch.slug)
    own = Place(arch.workspace.slug, arch.slug, SAGAS, saga.name)
    data = object_data(SAGAS, rows(SAGAS, pk=saga.pk).get())
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "saga": saga,
        "data": data,
        "summary": table(SAGAS, top, [(saga.pk, data)], can_edit=arch.can_edit),
        "table": children_table(get_concept("steps"), own, saga, can_edit=arch.can_edit),
        "trail": [(f"saga: {saga.name}", "")],
    }
    return render(request, "architectures/sagas/detail.html", context)
