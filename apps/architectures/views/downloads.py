"""Downloading an architecture as its spec document (YAML or JSON)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from apps.workspaces.access import Action
from microservices.spec import FORMATS, dump_architecture

from ..selectors import architecture_spec
from .locate import architecture_for

CONTENT_TYPES = {"yaml": "application/yaml", "json": "application/json"}


@require_GET
def download_spec(request: HttpRequest, workspace: str, architecture: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    document = dump_architecture(architecture_spec(arch), fmt)
    response = HttpResponse(document, content_type=f"{CONTENT_TYPES[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{arch.slug}.{fmt}"'
    return response
