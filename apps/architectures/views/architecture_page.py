"""The architecture page: header, counts, the services table and the cross-cutting objects.

The number of queries does not depend on the architecture's size: counts are
annotated or aggregated, and only the rows of the page shown are read. The
services table is filtered live (HTMX asks for the table alone) and paginated.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from apps.validation.selectors import summary as validation_summary
from apps.workspaces.access import Action

from ..concepts import GATEWAYS, SAGAS, SERVICES, get_concept
from ..filtersets import ServiceFilterSet
from ..models import Dependency, Endpoint, Event, Gateway, Saga, Service
from ..selectors import object_data, rows
from .display import service_linker, table
from .locate import architecture_for
from .routing import Place, object_page_url

SERVICES_PER_PAGE = 100
OBJECTS_PER_PAGE = 20  # the sections under the services table stay short
TABLE_ID = "services-table"


def _count_of(column: str) -> Coalesce:
    """Dependencies per service along `column` (source: calls out, target: called by)."""
    counted = (
        Dependency.objects.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def services_queryset(architecture) -> QuerySet:
    return (
        Service.objects.filter(architecture=architecture)
        .only("name", "domain", "owner", "technologies", "placeholder")
        .annotate(calls=_count_of("source"), callers=_count_of("target"))
        .order_by("name")
    )


def services_table(request: HttpRequest, architecture, badges=None) -> dict[str, Any]:
    """The table's page of services; `badges` ({service: {"error": n, "warning": n}},
    from the latest validation) marks each row without a query per row."""
    filterset = ServiceFilterSet(request.GET, queryset=services_queryset(architecture))
    page = Paginator(filterset.qs, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    page.numbers = list(page.paginator.get_elided_page_range(page.number, on_each_side=2))
    place = Place(architecture.workspace.slug, architecture.slug)
    link = service_linker(place.workspace, place.architecture)
    for service in page:
        service.url = link(service.name)
        service.findings = (badges or {}).get(service.name)
        if architecture.can_edit:
            service.define_url = place.new_url(SERVICES, name=service.name)
            service.edit_url = place.edit_url(SERVICES, service.name)
    domains = (
        Service.objects.filter(architecture=architecture)
        .exclude(domain="")
        .order_by("domain")
        .values_list("domain", flat=True)
        .distinct()
    )
    return {
        "page": page,
        "filters": filterset.form,
        "search": request.GET.get("search", ""),
        "domain": request.GET.get("domain", ""),
        "domains": list(domains),
        "filtered": bool(request.GET.get("search") or request.GET.get("domain")),
        "table_id": TABLE_ID,
        "findings_url": reverse(
            "validation:findings", args=[architecture.workspace.slug, architecture.slug]
        ),
    }


def _paged(request: HttpRequest, queryset, param: str, anchor: str) -> Page:
    """One page of a section, with links to its neighbours that keep the other parameters."""
    page = Paginator(queryset, OBJECTS_PER_PAGE).get_page(request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}#{anchor}"

    page.prev_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


def _named_sections(request: HttpRequest, architecture, place: Place) -> dict[str, Any]:
    link = service_linker(place.workspace, place.architecture)
    gateways = _paged(
        request,
        Gateway.objects.filter(architecture=architecture)
        .select_related("authentication_issuer_service")
        .annotate(routes_count=Count("routes"))
        .order_by("name"),
        "gateways_page",
        "gateways",
    )
    for gateway in gateways:
        gateway.url = object_page_url(place.workspace, place.architecture, GATEWAYS, gateway.name)
        issuer = gateway.authentication_issuer_service
        gateway.issuer_url = link(issuer.name) if issuer else ""
    sagas = _paged(
        request,
        Saga.objects.filter(architecture=architecture)
        .annotate(steps_count=Count("steps"))
        .order_by("name"),
        "sagas_page",
        "sagas",
    )
    for saga in sagas:
        saga.url = object_page_url(place.workspace, place.architecture, SAGAS, saga.name)
    return {"gateways": gateways, "sagas": sagas}


def _policy_sections(request: HttpRequest, architecture, place: Place) -> dict[str, Any]:
    """The mesh, circuit breakers and retry policies: generic tables, paged."""
    sections = {}
    for key in ("mesh", "circuit-breakers", "retry-policies"):
        concept = get_concept(key)
        param = f"{concept.spec_attr}_page"
        page = _paged(request, rows(concept, architecture=architecture), param, concept.key)
        items = [(row["id"], object_data(concept, row)) for row in page]
        sections[concept.spec_attr] = {
            "table": table(concept, place, items, can_edit=architecture.can_edit),
            "page": page,
        }
    return sections


def summary(architecture) -> dict[str, int]:
    services = Service.objects.filter(architecture=architecture).aggregate(
        services=Count("pk", filter=Q(placeholder=False)),
        placeholders=Count("pk", filter=Q(placeholder=True)),
    )
    return {
        **services,
        "dependencies": Dependency.objects.filter(architecture=architecture).count(),
        "endpoints": Endpoint.objects.filter(architecture=architecture).count(),
        "events": Event.objects.filter(architecture=architecture).count(),
    }


@require_GET
def architecture_page(request: HttpRequest, workspace: str, architecture: str) -> HttpResponse:
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    place = Place(arch.workspace.slug, arch.slug)
    validation = validation_summary(arch)
    table_context = services_table(request, arch, validation["badges"])
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == TABLE_ID and not htmx.history_restore_request:
        context = {"architecture": arch, "workspace": arch.workspace, **table_context}
        response = render(request, "architectures/_services_table.html", context)
    else:
        context = {
            "workspace": arch.workspace,
            "architecture": arch,
            "place": place,
            "counts": summary(arch),
            "validation": validation,
            "policies": _policy_sections(request, arch, place),
            **_named_sections(request, arch, place),
            **table_context,
        }
        response = render(request, "architectures/detail.html", context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response
