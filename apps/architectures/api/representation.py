"""What the API answers: objects exactly as the spec document writes them.

An object's representation is its canonical spec data (defaults left out,
children in canonical order), so the API, the spec document and the Python
client speak one language; objects addressed by id also carry their `id`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from rest_framework.fields import DateTimeField

from microservices.spec import model as spec
from microservices.spec.normalize import canonical_fragment

from ..concepts import Concept, Scope, concepts_in
from ..models import Architecture
from ..selectors import objects_data


@cache
def document_class(concept: Concept) -> type[spec.SpecModel]:
    """The class the spec document uses for the concept: a Service with its children, ..."""
    if concept.scope != Scope.ARCHITECTURE:
        return concept.spec
    annotation = spec.Architecture.model_fields[concept.spec_attr].annotation
    for candidate in (*typing.get_args(annotation), annotation):
        if isinstance(candidate, types.GenericAlias):  # list[Service]
            candidate = typing.get_args(candidate)[0]
        if isinstance(candidate, type) and issubclass(candidate, spec.SpecModel):
            return candidate
    raise TypeError(f"no spec class for {concept.key}")


def has_children(concept: Concept) -> bool:
    return document_class(concept) is not concept.spec


def canonical_data(concept: Concept, data: dict[str, Any]) -> dict[str, Any]:
    """Spec data of one object in the form the document writes it."""
    obj = canonical_fragment(document_class(concept).model_validate(data))
    return obj.model_dump(mode="json", exclude_defaults=True)


def represent(
    concept: Concept, rows: Iterable[dict[str, Any]], architecture_id: int
) -> list[dict[str, Any]]:
    """Rows (from selectors.rows) as API objects, with children where the concept has them."""
    rows = list(rows)
    items = []
    for row, data in zip(rows, objects_data(concept, rows, architecture_id), strict=True):
        body = canonical_data(concept, data)
        items.append({"id": row["id"], **body} if concept.by_id else body)
    return items


# --- architectures -------------------------------------------------------------------


def architecture_links(request, architecture: Architecture) -> dict[str, str]:
    """Where to go next; each link names the workspace, so it works even for a shared slug."""
    query = "?" + urlencode({"workspace": architecture.workspace.slug})
    kwargs = {"slug": architecture.slug}

    def link(name: str) -> str:
        return request.build_absolute_uri(reverse(name, kwargs=kwargs) + query)

    links = {"self": link("api-architecture-detail"), "spec": link("api-architecture-spec")}
    for concept in concepts_in(Scope.ARCHITECTURE):
        links[concept.key] = link(f"api-{concept.key}-{'detail' if concept.singleton else 'list'}")
    return links


def architecture_data(request, architecture: Architecture) -> dict[str, Any]:
    return {
        "workspace": architecture.workspace.slug,
        "name": architecture.name,
        "slug": architecture.slug,
        "description": architecture.description,
        "pattern": architecture.pattern,
        "revision": architecture.revision,
        "version": architecture.version,
        "service_count": getattr(architecture, "service_count", None) or 0,
        "created_at": DateTimeField().to_representation(architecture.created_at),
        "updated_at": DateTimeField().to_representation(architecture.updated_at),
        "links": architecture_links(request, architecture),
    }
