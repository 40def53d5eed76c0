"""Finding what a page URL names, checked for the user: architecture, parent, object.

Every page starts here. The architecture comes from `get_architecture`, scoped to
the workspace in the URL: another workspace's architecture is 404, a role too weak
for the action is 403. Objects are then looked up inside that architecture only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.http import Http404, HttpRequest

from apps.workspaces.access import Action, role_allows, role_in

from ..concepts import Concept
from ..models import Architecture
from ..selectors import get_architecture, object_data, rows
from .routing import Place, belongs


def architecture_for(request: HttpRequest, workspace: str, slug: str, action: Action):
    """The architecture `slug` of `workspace`, with the user's role on it as `.role`."""
    architecture = get_architecture(request.user, slug, action, workspace=workspace)
    architecture.role = role_in(request.user, architecture.workspace)
    architecture.workspace.role = architecture.role
    architecture.can_edit = role_allows(architecture.role, Action.EDIT)
    return architecture


def named_object(architecture: Architecture, concept: Concept, name: str) -> models.Model:
    """A service, gateway or saga of the architecture, by name."""
    found = concept.model.objects.filter(architecture=architecture, name=name).first()
    if found is None:
        raise Http404
    return found


def _key_lookup(concept: Concept, key: str) -> dict[str, Any]:
    if concept.by_id:
        if not key.isdigit():
            raise Http404
        return {"pk": int(key)}
    column = concept.column(concept.natural_key)
    is_reference = any(ref.column == column for ref in concept.references)
    return {f"{column}__name" if is_reference else column: key}


@dataclass
class Target:
    """An object (or the place for a new one) that a page is about."""

    architecture: Architecture
    concept: Concept
    place: Place
    parent: models.Model | None = None
    instance: models.Model | None = None
    data: dict[str, Any] | None = field(default=None)  # the instance as spec data
    key: str | None = None

    @property
    def workspace(self):
        return self.architecture.workspace

    def scope_filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = {"architecture": self.architecture}
        if self.concept.parent_column:
            filters[self.concept.parent_column] = self.parent
        return filters

    def find(self, key: str | None) -> None:
        """Load the object named `key` (None for a singleton); 404 when there is none."""
        filters = self.scope_filters()
        if not self.concept.singleton:
            filters.update(_key_lookup(self.concept, key or ""))
        row = rows(self.concept, **filters).first()
        if row is None:
            raise Http404
        self.instance = self.concept.model.objects.get(pk=row["id"])
        self.data = object_data(self.concept, row)
        self.key = key

    def existing_singleton(self) -> models.Model | None:
        return self.concept.model.objects.filter(**self.scope_filters()).first()


def locate(
    request: HttpRequest,
    action: Action,
    *,
    workspace: str,
    architecture: str,
    concept: Concept,
    key: str | None = None,
    parent: Concept | None = None,
    parent_key: str | None = None,
    existing: bool = True,
) -> Target:
    """The target of an object page; with `existing`, the object must exist."""
    if not belongs(concept, parent):
        raise Http404
    arch = architecture_for(request, workspace, architecture, action)
    parent_object = named_object(arch, parent, parent_key) if parent else None
    place = Place(arch.workspace.slug, arch.slug, parent, parent_key)
    target = Target(arch, concept, place, parent_object)
    if existing:
        target.find(key)
    return target
