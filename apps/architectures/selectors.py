"""Reading architectures back as spec data, with a fixed number of queries.

One query per table, whatever the architecture's size: rows come as dicts with the
referenced services' names joined in, and are grouped by parent in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from apps.workspaces.access import Action, check_role, role_in
from microservices.spec import Architecture as SpecArchitecture
from microservices.spec import architecture_from_data

from .concepts import (
    GATEWAYS,
    SAGAS,
    SERVICES,
    Concept,
    Scope,
    children_scope,
    concepts_in,
    get_concept,
)
from .mapping import read_columns, row_to_data
from .models import Architecture


def rows(concept: Concept, **filters: Any) -> QuerySet:
    """The concept's rows as dicts (see mapping.read_columns), in their canonical order."""
    order = ("position", "id") if concept.ordered else ("id",)
    return concept.model.objects.filter(**filters).order_by(*order).values(*read_columns(concept))


def object_data(concept: Concept, row: dict[str, Any]) -> dict[str, Any]:
    return row_to_data(concept, row)


def service_data(
    service_rows: Iterable[dict[str, Any]], architecture_id: int, *, subset: bool = False
) -> list[dict]:
    """Whole services (with endpoints, dependencies, ...) as the spec writes them.

    With `subset`, `service_rows` is a part of the architecture (a page) and only
    their children are read.
    """
    services: dict[int, dict[str, Any]] = {}
    for row in service_rows:
        data = (
            {"name": row["name"], "placeholder": True}
            if row["placeholder"]
            else (object_data(SERVICES, row))
        )
        services[row["id"]] = data
    filters: dict[str, Any] = {"architecture_id": architecture_id}
    if subset:
        filters["service_id__in"] = list(services)
    _attach_children_for_services(services, filters)
    return list(services.values())


def _attach_children_for_services(services: dict[int, dict], filters: dict[str, Any]) -> None:
    # Dependencies hang off `source`, the others off `service`.
    for concept in concepts_in(Scope.SERVICE):
        concept_filters = dict(filters)
        if "service_id__in" in concept_filters and concept.parent_column != "service":
            concept_filters[f"{concept.parent_column}_id__in"] = concept_filters.pop(
                "service_id__in"
            )
        _attach_children_of(concept, services, concept_filters)


def _attach_children_of(concept: Concept, parents: dict[int, dict], filters: dict) -> None:
    parent_key = f"{concept.parent_column}_id"
    for row in rows(concept, **filters):
        parent = parents.get(row[parent_key])
        if parent is None:
            continue
        data = object_data(concept, row)
        if concept.singleton:
            parent[concept.spec_attr] = data
        else:
            parent.setdefault(concept.spec_attr, []).append(data)


def objects_data(
    concept: Concept, object_rows: Iterable[dict[str, Any]], architecture_id: int
) -> list[dict[str, Any]]:
    """Some of a concept's objects (a page, one object) as the spec writes them, in the
    order of `object_rows`: services, gateways and sagas with their children.

    A fixed number of queries, whatever the number of objects.
    """
    object_rows = list(object_rows)
    if concept is SERVICES:
        return service_data(object_rows, architecture_id, subset=True)
    parents = {row["id"]: object_data(concept, row) for row in object_rows}
    if concept in (GATEWAYS, SAGAS) and parents:
        for child in concepts_in(children_scope(concept)):
            filters = {
                "architecture_id": architecture_id,
                f"{child.parent_column}_id__in": list(parents),
            }
            _attach_children_of(child, parents, filters)
    return list(parents.values())


def _named_with_children(
    concept: Concept, architecture_id: int, child_key: str
) -> list[dict[str, Any]]:
    parents = {
        row["id"]: object_data(concept, row)
        for row in rows(concept, architecture_id=architecture_id)
    }
    _attach_children_of(get_concept(child_key), parents, {"architecture_id": architecture_id})
    return list(parents.values())


def _objects(concept: Concept, architecture_id: int) -> list[dict[str, Any]]:
    return [object_data(concept, row) for row in rows(concept, architecture_id=architecture_id)]


def architecture_data(architecture: Architecture) -> dict[str, Any]:
    """The architecture as plain spec data (not yet validated or ordered)."""
    arch_id = architecture.pk
    mesh = _objects(get_concept("mesh"), arch_id)
    return {
        "name": architecture.name,
        "slug": architecture.slug,
        "description": architecture.description,
        "pattern": architecture.pattern,
        "services": service_data(rows(SERVICES, architecture_id=arch_id), arch_id),
        "gateways": _named_with_children(GATEWAYS, arch_id, "routes"),
        "mesh": mesh[0] if mesh else None,
        "circuit_breakers": _objects(get_concept("circuit-breakers"), arch_id),
        "retry_policies": _objects(get_concept("retry-policies"), arch_id),
        "sagas": _named_with_children(SAGAS, arch_id, "steps"),
    }


def architecture_spec(architecture: Architecture) -> SpecArchitecture:
    """The architecture as its canonical spec (about twenty queries, whatever its size)."""
    return architecture_from_data(architecture_data(architecture))


# --- finding architectures ------------------------------------------------------------


class AmbiguousSlug(Exception):
    def __init__(self, slug: str, workspaces: list[str]):
        self.slug = slug
        self.workspaces = workspaces
        super().__init__(
            f"{slug!r} names an architecture in several of your workspaces "
            f"({', '.join(workspaces)}); say which with ?workspace=<slug>"
        )


def get_architecture(
    user, slug: str, action: Action = Action.VIEW, workspace: str | None = None
) -> Architecture:
    """The architecture `slug` among the user's workspaces, checked for `action`.

    404 when the user cannot see it (whether or not it exists), 403 when they can
    see it but their role does not allow `action`.
    """
    candidates = Architecture.objects.for_user(user).filter(slug=slug).select_related("workspace")
    if workspace:
        candidates = candidates.filter(workspace__slug=workspace)
    found = list(candidates[:10])
    if not found:
        raise Http404
    if len(found) > 1:
        raise AmbiguousSlug(slug, sorted(a.workspace.slug for a in found))
    architecture = found[0]
    check_role(role_in(user, architecture.workspace), action, "this architecture")
    return architecture
