"""The pages of an API gateway and of a saga: the object, then its ordered children
(routes, in the order they are matched; steps, in the order they run)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.workspaces.access import Action

from ..concepts import GATEWAYS, SAGAS, Concept, children_scope, concepts_in
from ..selectors import object_data, rows
from .display import table
from .locate import architecture_for, named_object
from .ordering import children_table
from .routing import Place

TEMPLATES = {
    GATEWAYS.key: "architectures/gateways/detail.html",
    SAGAS.key: "architectures/sagas/detail.html",
}
TRAIL_LABELS = {GATEWAYS.key: "API gateway", SAGAS.key: "saga"}


def ordered_parent_page(concept: Concept):
    """The page view for `concept` (gateways or sagas)."""
    (child,) = concepts_in(children_scope(concept))

    @require_GET
    def page(request: HttpRequest, workspace: str, architecture: str, key: str) -> HttpResponse:
        arch = architecture_for(request, workspace, architecture, Action.VIEW)
        obj = named_object(arch, concept, key)
        top = Place(arch.workspace.slug, arch.slug)
        own = Place(arch.workspace.slug, arch.slug, concept, obj.name)
        data = object_data(concept, rows(concept, pk=obj.pk).get())
        context = {
            "workspace": arch.workspace,
            "architecture": arch,
            "object": obj,
            "data": data,
            "summary": table(concept, top, [(obj.pk, data)], can_edit=arch.can_edit),
            "table": children_table(child, own, obj, can_edit=arch.can_edit),
            "trail": [(f"{TRAIL_LABELS[concept.key]}: {obj.name}", "")],
        }
        return render(request, TEMPLATES[concept.key], context)

    return page


gateway_page = ordered_parent_page(GATEWAYS)
saga_page = ordered_parent_page(SAGAS)
