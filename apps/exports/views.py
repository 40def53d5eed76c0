"""Export pages: ask for an export and list the recent ones; follow one, browse its
files with a highlighted preview, download one file or the zip (through the API's
download URLs).

Reading needs the view role, asking for an export the edit role (403 otherwise);
other workspaces' architectures are 404.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from apps.architectures.views.locate import architecture_for
from apps.workspaces.access import Action
from microservices.export.bundle import check_path

from . import highlight, selectors, services, tree
from .forms import ExportForm
from .models import Export


def _exports_url(arch) -> str:
    return reverse("exports:list", args=[arch.workspace.slug, arch.slug])


def _export_url(arch, export: Export) -> str:
    return reverse("exports:detail", args=[arch.workspace.slug, arch.slug, export.pk])


def _recent_context(arch) -> dict:
    exports = selectors.recent_exports(arch)
    return {"architecture": arch, "exports": exports, "pending": selectors.has_pending(exports)}


@require_http_methods(["GET", "POST"])
def exports_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    arch = architecture_for(request, workspace, architecture, action)
    status = 200
    if request.method == "POST":
        form = ExportForm(request.POST, architecture=arch)
        if form.is_valid():
            export = services.request_export(
                actor=request.user,
                architecture=arch,
                targets=form.cleaned_data["targets"],
                options=form.cleaned_data["options"],
            )
            return redirect(_export_url(arch, export))
        status = 400
    else:
        form = ExportForm(architecture=arch)
    context = {
        "workspace": arch.workspace,
        "form": form,
        "kept": settings.EXPORTS_KEPT_PER_ARCHITECTURE,
        "trail": [("Exports", "")],
        **_recent_context(arch),
    }
    return render(request, "exports/exports.html", context, status=status)


@require_GET
def recent_exports(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    """The list of recent exports alone, which the page polls while one is pending."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    return render(request, "exports/_recent.html", _recent_context(arch))


@require_GET
def export_page(request: HttpRequest, workspace: str, architecture: str, pk: int) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    export = selectors.export_of(arch, pk, payload=True)
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "export": export,
        "root": tree.listing(export.files) if export.is_complete else None,
        "highlight_css": highlight.style_rules(),
        "trail": [("Exports", _exports_url(arch)), (f"#{export.pk}", "")],
    }
    return render(request, "exports/export.html", context)


@require_GET
def export_status(request: HttpRequest, workspace: str, architecture: str, pk: int) -> HttpResponse:
    """The progress block the export page polls; the page reloads once the job is done."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    export = selectors.export_of(arch, pk)
    response = render(request, "exports/_status.html", {"architecture": arch, "export": export})
    if export.job.is_finished:
        response["HX-Refresh"] = "true"
    return response


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404("no such page")
    return int(raw)


@require_GET
def export_folder(request: HttpRequest, workspace: str, architecture: str, pk: int) -> HttpResponse:
    """One folder's entries (or the next page of its files), loaded as it is opened."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    export = selectors.export_of(arch, pk, payload=True)
    page = _page_number(request)
    listing = tree.listing(export.files, request.GET.get("folder", ""), page)
    template = "exports/_folder.html" if page == 1 else "exports/_folder_items.html"
    return render(request, template, {"architecture": arch, "export": export, "listing": listing})


@require_GET
def export_preview(
    request: HttpRequest, workspace: str, architecture: str, pk: int, file: str
) -> HttpResponse:
    """One file, highlighted, for the preview pane."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    try:
        check_path(file)
    except ValueError:
        raise Http404("no such file") from None
    export = selectors.export_of(arch, pk, payload=True)
    if not export.is_complete:
        raise Http404("the export has not finished")
    entry = selectors.file_entry(export, file)
    text = selectors.file_content(export, entry).decode("utf-8", errors="replace")
    shown = text[: highlight.PREVIEW_MAX_CHARACTERS]
    context = {
        "architecture": arch,
        "export": export,
        "entry": entry,
        "html": highlight.highlighted(entry.path, shown),
        "cut": len(shown) < len(text),
    }
    return render(request, "exports/_preview.html", context)
