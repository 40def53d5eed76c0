"""Ordered children (gateway routes, saga steps): their table, and moving one up or down.

A move answers an HTMX request with the redrawn table alone, and a plain form post
with a redirect to the parent's page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.workspaces.access import Action

from .. import services
from ..concepts import Concept
from ..selectors import object_data, rows
from .display import Table, table
from .locate import locate
from .routing import Place

PARTIALS = {
    "routes": "architectures/gateways/_routes.html",
    "steps": "architectures/sagas/_steps.html",
}
OFFSETS = {"up": -1, "down": 1}


def children_table(concept: Concept, place: Place, parent, *, can_edit: bool) -> Table:
    found = rows(concept, **{concept.parent_column: parent})
    items = [(row["id"], object_data(concept, row)) for row in found]
    return table(concept, place, items, can_edit=can_edit)


def ordered_section(request: HttpRequest, concept: Concept, place: Place, parent, architecture):
    context = {
        "table": children_table(concept, place, parent, can_edit=architecture.can_edit),
        "architecture": architecture,
        "parent": parent,
    }
    return render(request, PARTIALS[concept.key], context)


@require_POST
def move_view(request: HttpRequest, concept: Concept, **lookup) -> HttpResponse:
    if not concept.ordered:
        raise Http404
    target = locate(request, Action.EDIT, concept=concept, **lookup)
    offset = OFFSETS.get(request.POST.get("direction", ""))
    if offset is None:
        return HttpResponseBadRequest("direction must be up or down")
    services.move(
        actor=request.user,
        architecture=target.architecture,
        concept=concept,
        instance=target.instance,
        offset=offset,
    )
    if request.htmx:
        return ordered_section(request, concept, target.place, target.parent, target.architecture)
    return redirect(target.place.page_url())
