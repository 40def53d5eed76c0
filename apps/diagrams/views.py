"""Diagram pages: /w/<workspace>/<architecture>/diagrams/ and /diagrams/<view>/.

A page shows one view in the browser viewer (frontend/, built into
static/diagrams/): the viewer fetches the SVG from the API, which answers from
the render cache, because the page has just drawn it (or started the job that
draws it, whose progress the page shows). Downloads go through this module too,
so that a large file that has to be drawn first shows progress rather than JSON.

Reading and downloading need the view role, asking for a review pack the edit
role; other workspaces' architectures are 404.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.architectures.models import Saga, Service
from apps.architectures.views.locate import architecture_for
from apps.jobs.models import Job
from apps.workspaces.access import Action
from microservices.diagrams import FORMATS, VIEWS, RenderError

from . import selectors, services
from .drawing import ObjectLinker
from .models import Render, ReviewPack
from .options import DiagramRequest, DiagramRequestError, parse_request
from .responses import file_response, render_response, review_pack_filename, wants_download

DEFAULT_VIEW = "dependencies"
FORMAT_LABELS = {
    "svg": "SVG",
    "png": "PNG",
    "pdf": "PDF",
    "dot": "DOT (Graphviz)",
    "mmd": "Mermaid",
    "structurizr": "Structurizr DSL",
}


def _with_query(url: str, query: dict[str, str]) -> str:
    return f"{url}?{urlencode(query)}" if query else url


def _page_url(arch, view: str, query: dict[str, str] | None = None) -> str:
    url = reverse("diagrams:view", args=[arch.workspace.slug, arch.slug, view])
    return _with_query(url, query or {})


def _viewer_config(arch, request: DiagramRequest) -> dict:
    """The data attributes of the viewer's container (frontend/README.md)."""
    query = request.query()
    downloads = [
        {
            "format": fmt,
            "label": FORMAT_LABELS[fmt],
            "url": _with_query(
                reverse(
                    "diagrams:download", args=[arch.workspace.slug, arch.slug, request.view, fmt]
                ),
                {**query, "download": "1"},
            ),
        }
        for fmt in FORMATS
    ]
    views = [
        {"name": view.name, "title": view.title, "url": _page_url(arch, view.name)}
        for view in VIEWS.values()
    ]
    svg_url = reverse("api-diagram", kwargs={"slug": arch.slug, "view": request.view, "fmt": "svg"})
    return {
        "svg_url": _with_query(svg_url, {**query, "workspace": arch.workspace.slug}),
        "current_view": request.view,
        "views": json.dumps(views),
        "downloads": json.dumps(downloads),
        "download_links": downloads,  # the links without the viewer
        "services_url": reverse("diagrams:services", args=[arch.workspace.slug, arch.slug]),
    }


def _form_choices(arch, view) -> dict[str, list[str]]:
    """What the options form offers: only what the view reads (a query per list)."""
    services = Service.objects.filter(architecture=arch)
    choices: dict[str, list[str]] = {"domains": [], "service_names": [], "saga_names": []}
    if {"domain", "expand"} & set(view.options):
        domains = services.exclude(domain="").order_by("domain").values_list("domain", flat=True)
        choices["domains"] = list(domains.distinct())
    if "service" in view.options:
        choices["service_names"] = list(services.order_by("name").values_list("name", flat=True))
    if "saga" in view.options:
        sagas = Saga.objects.filter(architecture=arch).order_by("name")
        choices["saga_names"] = list(sagas.values_list("name", flat=True))
    return choices


def _render_job(arch, pk: str | None) -> Job | None:
    return selectors.render_job(arch, int(pk)) if pk and pk.isdigit() else None


@require_GET
def diagram_page(
    request: HttpRequest, workspace: str, architecture: str, view: str = DEFAULT_VIEW
) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    if view not in VIEWS:
        raise Http404(f"there is no view {view!r}")
    problem, diagram, drawn, job = None, None, None, None
    needs_service = view == "focus" and not request.GET.get("service")
    if not needs_service:
        try:
            diagram = parse_request(arch, view, "svg", request.GET)
            found = services.diagram_or_job(arch, diagram, request.user)
        except DiagramRequestError as exc:
            problem = exc
        except RenderError as exc:
            problem = DiagramRequestError(500, "", str(exc))
        else:
            drawn = found if isinstance(found, Render) else None
            job = found if isinstance(found, Job) else None
    context = {
        "workspace": arch.workspace,
        "architecture": arch,
        "view": VIEWS[view],
        "views": list(VIEWS.values()),
        "diagram": diagram,
        "query": request.GET,
        "max_hops": settings.DIAGRAM_MAX_HOPS,
        "expanded": ",".join(request.GET.getlist("expand")).split(","),
        "drawn": drawn,
        "job": job or _render_job(arch, request.GET.get("job")),
        "problem": problem,
        "needs_service": needs_service,
        # While a job draws the SVG the page shows its progress, and reloads once drawn.
        "viewer": _viewer_config(arch, diagram) if drawn else None,
        "review_pack": _review_pack_context(arch),
        "trail": [("Diagrams", _page_url(arch, DEFAULT_VIEW)), (VIEWS[view].title, "")],
        **_form_choices(arch, VIEWS[view]),
    }
    status = problem.status if problem else 200
    return render(request, "diagrams/diagram.html", context, status=status)


@require_GET
def download(request: HttpRequest, workspace: str, architecture: str, view: str, fmt: str):
    """The file, or (when it has to be drawn by a job) back to the page to follow the job."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    try:
        diagram = parse_request(arch, view, fmt, request.GET)
        found = services.diagram_or_job(arch, diagram, request.user)
    except DiagramRequestError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from None
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain")
    if isinstance(found, Render):
        return render_response(arch.slug, found, download=wants_download(request.GET))
    return redirect(_page_url(arch, view, {**diagram.query(), "job": str(found.pk)}))


@require_GET
def render_status(request: HttpRequest, workspace: str, architecture: str, pk: int):
    """The progress block a page polls while a job draws; the page reloads when it is done."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    job = selectors.render_job(arch, pk)
    if job is None:
        raise Http404
    response = render(request, "diagrams/_render_status.html", {"architecture": arch, "job": job})
    if job.is_finished and job.input.get("fmt") == "svg":
        response["HX-Refresh"] = "true"
    return response


@require_GET
def service_links(request: HttpRequest, workspace: str, architecture: str) -> JsonResponse:
    """Every service's name and page, for the viewer's search (one query)."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    link = ObjectLinker(arch.workspace.slug, arch.slug)
    names = (
        Service.objects.filter(architecture=arch).order_by("name").values_list("name", flat=True)
    )
    return JsonResponse(
        [{"name": name, "url": link("service", name)} for name in names], safe=False
    )


# --- review packs ----------------------------------------------------------------------


def _review_pack_context(arch) -> dict:
    return {
        "pending": selectors.pending_review_pack(arch),
        "latest": selectors.latest_review_pack(arch),
    }


@require_POST
def request_review_pack(request: HttpRequest, workspace: str, architecture: str):
    arch = architecture_for(request, workspace, architecture, Action.EDIT)
    job = services.request_review_pack(arch, request.user)
    messages.success(request, f"Review pack #{job.pk} requested.")
    view = request.POST.get("view", "")
    return redirect(_page_url(arch, view if view in VIEWS else DEFAULT_VIEW))


@require_GET
def review_pack_card(request: HttpRequest, workspace: str, architecture: str):
    """The review pack card alone, which the page polls while a pack is being made."""
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    context = {
        "architecture": arch,
        "workspace": arch.workspace,
        "review_pack": _review_pack_context(arch),
    }
    return render(request, "diagrams/_review_pack.html", context)


@require_GET
def review_pack_pdf(request: HttpRequest, workspace: str, architecture: str, pk: int):
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    pack = ReviewPack.objects.filter(architecture=arch, pk=pk).first()
    if pack is None:
        raise Http404
    filename = review_pack_filename(arch.slug, pack.revision)
    return file_response(
        pack.pdf, "application/pdf", filename, download=wants_download(request.GET)
    )
