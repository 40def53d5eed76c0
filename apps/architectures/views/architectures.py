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
from ..services.architectures import StaleVersion
from .conflicts import MINE, THEIRS, carried_values, current_summary, differences, merged
from .locate import architecture_for
from .objects import posted_version
from .routing import architecture_url

FORM_TEMPLATE = "architectures/objects/form.html"
CONFLICT_TEMPLATE = "architectures/objects/conflict.html"


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
    data = request.POST or None
    if data is not None and data.get("resolve"):  # choices from the conflict page
        data = merged(ArchitectureForm, data, _fields_of(arch))
    form = ArchitectureForm(data, instance_data=_fields_of(arch))
    status = 200
    if request.method == "POST" and request.POST.get("resolve") != "edit":
        status = 400
        if form.is_valid():
            try:
                services.update_architecture(
                    actor=request.user,
                    architecture=arch,
                    fields=form.spec_object,
                    expected_version=posted_version(request),
                )
            except SpecValidationError as exc:
                form.add_spec_errors(exc)
            except StaleVersion:
                return _architecture_conflict(request, workspace, architecture, form)
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
        "cancel_url": architecture_url(workspace, architecture),
    }
    return render(request, FORM_TEMPLATE, context, status=status)


def _architecture_conflict(request: HttpRequest, workspace: str, slug: str, form) -> HttpResponse:
    """Someone saved the architecture's fields in between: theirs beside the user's."""
    arch = architecture_for(request, workspace, slug, Action.EDIT)
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "title": f"Conflict: edit {arch.name}",
        "trail": [("Edit", "")],
        "differences": differences(form, _fields_of(arch)),
        "carried": carried_values(request.POST),
        "version": arch.version,
        "mine": MINE,
        "theirs": THEIRS,
        "cancel_url": architecture_url(workspace, arch.slug),
    }
    return render(request, CONFLICT_TEMPLATE, context, status=409)


@require_http_methods(["GET", "POST"])
def delete_architecture_page(request: HttpRequest, workspace: str, architecture: str):
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    changed, status = [], 200
    if request.method == "POST":
        name = arch.name
        try:
            services.delete_architecture(
                actor=request.user, architecture=arch, expected_version=posted_version(request)
            )
        except StaleVersion:  # its fields changed since the page was drawn: ask again
            arch = architecture_for(request, workspace, architecture, Action.EDIT)
            changed, status = current_summary(ArchitectureForm, _fields_of(arch)), 409
        else:
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
        "version": arch.version,
        "changed": changed,
    }
    return render(request, "architectures/objects/delete.html", context, status=status)
