"""The service page (its fields and everything that belongs to it) and service deletion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from apps.workspaces.access import Action

from .. import services
from ..concepts import SERVICES, Scope, concepts_in
from ..models import Dependency, Service
from ..selectors import object_data, rows
from ..services.architectures import StaleVersion
from .display import describe, table
from .locate import architecture_for, named_object
from .objects import ObjectDeleteView, posted_version
from .routing import Place, architecture_url

CALLERS_SHOWN = 200


def _callers(service) -> tuple[list[dict[str, Any]], int]:
    """Who depends on `service` (at most CALLERS_SHOWN of them), and how many in all."""
    incoming = Dependency.objects.filter(target=service)
    shown = list(
        incoming.order_by("source__name").values("source__name", "mode", "timeout_ms")[
            :CALLERS_SHOWN
        ]
    )
    total = len(shown) if len(shown) < CALLERS_SHOWN else incoming.count()
    return shown, total


@require_GET
def service_page(request: HttpRequest, workspace: str, architecture: str, key: str):
    arch = architecture_for(request, workspace, architecture, Action.VIEW)
    service = named_object(arch, SERVICES, key)
    top = Place(arch.workspace.slug, arch.slug)
    own = Place(arch.workspace.slug, arch.slug, SERVICES, service.name)
    data = object_data(SERVICES, rows(SERVICES, pk=service.pk).get())
    sections = []
    if not service.placeholder:
        for concept in concepts_in(Scope.SERVICE):
            found = rows(concept, **{concept.parent_column: service})
            items = [(row["id"], object_data(concept, row)) for row in found]
            sections.append(table(concept, own, items, can_edit=arch.can_edit))
    callers, callers_total = _callers(service)
    # Two services naming one datastore instance share it: say with whom.
    sharing = (
        list(
            Service.objects.filter(architecture=arch, datastore=service.datastore)
            .exclude(pk=service.pk)
            .order_by("name")
            .values_list("name", flat=True)
        )
        if service.datastore
        else []
    )
    context = {
        "datastore_shared_with": sharing,
        "workspace": arch.workspace,
        "architecture": arch,
        "service": service,
        "data": data,
        "sections": sections,
        "callers": callers,
        "callers_total": callers_total,
        "references": services.references_to(service) if service.placeholder else [],
        "edit_url": top.edit_url(SERVICES, service.name) + "?back=object",
        "delete_url": top.delete_url(SERVICES, service.name),
        "define_url": top.new_url(SERVICES, name=service.name),
        "trail": [(f"service: {service.name}", "")],
    }
    return render(request, "architectures/services/detail.html", context)


class ServiceDeleteView(ObjectDeleteView):
    """Deleting a service others name: keep it as a placeholder, or do nothing."""

    template_name = "architectures/services/delete.html"

    def context(self) -> dict[str, Any]:
        context = super().context()
        context["references"] = services.references_to(self.target.instance)
        context["service"] = self.target.instance
        context["cancel_url"] = Place(
            self.target.place.workspace, self.target.place.architecture, SERVICES, self.target.key
        ).page_url()
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        service = self.target.instance
        keep = request.POST.get("keep_as_placeholder") == "1"
        try:
            outcome = services.delete_service(
                actor=request.user,
                service=service,
                keep_as_placeholder=keep,
                expected_version=posted_version(request),
            )
        except StaleVersion as exc:
            return self.gone() if exc.current is None else self.render_changed()
        except services.ServiceInUse:
            # The references changed since the page was drawn, or the form was forged:
            # say so with the current list, and change nothing.
            context = self.context()
            context["refused"] = True
            return render(request, self.template_name, context, status=409)
        what = describe(self.concept, self.target.data).capitalize()
        if outcome == "placeholder":
            messages.success(
                request,
                f"{what} is now a placeholder: what named it still does, nothing else is left.",
            )
        else:
            messages.success(request, f"{what} deleted.")
        place = self.target.place
        return redirect(architecture_url(place.workspace, place.architecture))
