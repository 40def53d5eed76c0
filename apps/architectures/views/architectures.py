"""Creating, editing and deleting an architecture (its own fields)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from apps.workspaces.access import Action, get_workspace_for
from microservices.spec import SpecValidationError

from .. import services
from ..forms import ArchitectureForm
from .locate import architecture_for
from .routing import architecture_url

FORM_TEMPLATE = "architectures/objects/form.html"


def _fields_of(architecture) -> dict[str, str]:
    return {
        "name": architecture.name,
        "slug": architecture.slug,
        "description": architecture.description,
        "pattern": architecture.pattern,
    }


@require_http_methods(["GET", "POST"])
def create_architecture_page(request: HttpRequest, workspace: str) -> HttpResponse:
    workspace_obj = get_workspace_for(request.user, workspace, Action.EDIT)
    form = ArchitectureForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = services.create_architecture(
                    actor=request.user, workspace=workspace_obj, fields=form.spec_object
                )
            except SpecValidationError as exc:
                form.add_spec_errors(exc)
            else:
                messages.success(request, f"Architecture {created.name} created.")
                return redirect(architecture_url(workspace_obj.slug, created.slug))
    context = {
        "workspace": workspace_obj,
        "form": form,
        "title": "New architecture",
        "trail": [("New architecture", "")],
        "cancel_url": reverse("workspace", args=[workspace_obj.slug]),
        "intro": "Start from an empty architecture, or import a YAML or JSON spec instead.",
        "import_url": reverse("jobs:import", args=[workspace_obj.slug]),
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@require_http_methods(["GET", "POST"])
def edit_architecture_page(request: HttpRequest, workspace: str, architecture: str):
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    form = ArchitectureForm(request.POST or None, instance_data=_fields_of(arch))
    status, conflict = 200, ""
    if request.method == "POST":
        status = 400
        posted = request.POST.get("version", "")
        if form.is_valid() and posted and posted != str(arch.version):
            status = 409
            conflict = (
                "Someone else changed this architecture's fields after you opened the form. "
                "Nothing was saved: reload the page to see their version, then make your change again."
            )
        elif form.is_valid():
            try:
                services.update_architecture(
                    actor=request.user, architecture=arch, fields=form.spec_object
                )
            except SpecValidationError as exc:
                form.add_spec_errors(exc)
            else:
                messages.success(request, f"Architecture {arch.name} saved.")
                return redirect(architecture_url(workspace, arch.slug))
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "form": form,
        "title": f"Edit {arch.name}",
        "trail": [("Edit", "")],
        "version": arch.version,
        "conflict": conflict,
        "cancel_url": architecture_url(workspace, architecture),
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@require_http_methods(["GET", "POST"])
def delete_architecture_page(request: HttpRequest, workspace: str, architecture: str):
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    if request.method == "POST":
        name = arch.name
        services.delete_architecture(actor=request.user, architecture=arch)
        messages.success(request, f"Architecture {name} deleted.")
        return redirect("workspace", workspace)
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "title": f"Delete {arch.name}",
        "what": f"the architecture {arch.name}",
        "trail": [("Delete", "")],
        "cancel_url": architecture_url(workspace, architecture),
        "consequence": "Every service, gateway, saga and policy in it goes too. "
        "Download its spec first if you may want it back.",
    }
    return render(request, "architectures/objects/delete.html", context)
