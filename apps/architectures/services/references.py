"""Service references: resolving names to rows, placeholders, and who names whom.

References never dangle: naming a service nobody defined creates it as a
placeholder, and a placeholder nothing names any more is removed.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ..concepts import Concept, ServiceReference, referencing_concepts
from ..models import Architecture, Service


class ServiceResolver:
    """Turns service names into ids for one architecture, creating placeholders."""

    def __init__(self, architecture: Architecture, ids_by_name: dict[str, int] | None = None):
        self.architecture = architecture
        self.ids_by_name = dict(ids_by_name or {})

    def __call__(self, name: str) -> int:
        if name not in self.ids_by_name:
            service, _ = Service.objects.get_or_create(
                architecture=self.architecture, name=name, defaults={"placeholder": True}
            )
            self.ids_by_name[name] = service.pk
        return self.ids_by_name[name]


def _referencing(concept: Concept, ref: ServiceReference, **filters) -> QuerySet:
    return concept.model.objects.filter(**filters).exclude(**{f"{ref.column}__isnull": True})


def prune_placeholders(architecture: Architecture) -> int:
    """Remove placeholders that nothing references; returns how many."""
    orphans = Service.objects.filter(architecture=architecture, placeholder=True)
    for concept, ref in referencing_concepts():
        referenced = _referencing(concept, ref, architecture=architecture).values(
            f"{ref.column}_id"
        )
        orphans = orphans.exclude(pk__in=referenced)
    deleted, _ = orphans.delete()
    return deleted


def describe_reference(concept: Concept, ref: ServiceReference, obj) -> str:
    """'route /api/orders of api-gateway', 'dependency of order-service', ..."""
    words = [concept.label]
    if concept.natural_key and concept.natural_key != ref.path[0]:
        words.append(str(getattr(obj, concept.column(concept.natural_key))))
    if concept.parent_column:
        words.append(f"of {getattr(obj, concept.parent_column)}")
    if len(ref.path) > 1:
        words.append(f"({' '.join(ref.path)})")
    return " ".join(words)


def references_to(service: Service) -> list[str]:
    """Every object that names `service`, described for a person."""
    found = []
    for concept, ref in referencing_concepts():
        related = [concept.parent_column] if concept.parent_column else []
        for obj in _referencing(concept, ref, **{ref.column: service}).select_related(*related):
            found.append(describe_reference(concept, ref, obj))
    return sorted(found)
