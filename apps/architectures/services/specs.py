"""Writing a whole spec into an architecture's rows, in one transaction.

The spec is compared with what is stored, table by table, keyed by each object's
natural key: unchanged rows are left alone (their versions stay), changed rows are
updated with their version bumped, and the rest created or deleted, in bulk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from apps.history.recording import capture_all
from apps.workspaces.models import Workspace
from microservices.spec import Architecture as SpecArchitecture
from microservices.spec.model import ArchitectureFields

from ..concepts import GATEWAYS, SAGAS, SERVICES, Concept, Scope, concepts_in, get_concept
from ..mapping import column_names, data_to_columns
from ..models import Architecture
from .architectures import assign_fields, create_architecture, touch

BATCH = 500


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def add(self, other: SyncCounts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "deleted": self.deleted}


def _key_columns(concept: Concept) -> tuple[str, ...]:
    parent = (f"{concept.parent_column}_id",) if concept.parent_column else ()
    if concept.natural_key is None:
        return parent
    column = concept.column(concept.natural_key)
    is_reference = any(ref.column == column for ref in concept.references)
    return (*parent, f"{column}_id" if is_reference else column)


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sync_rows(
    concept: Concept,
    architecture: Architecture,
    desired: list[dict[str, Any]],
    *,
    delete: bool = True,
    scope: dict[str, Any] | None = None,
) -> SyncCounts:
    """Make the concept's rows in `architecture` (within `scope`) be `desired`.

    `desired` holds dicts of attnames; `scope` narrows the rows compared (e.g. to
    one service's), so one object's children can be replaced the same way.
    """
    columns = column_names(concept) + list(concept.extra_columns)
    if concept.ordered:
        columns.append("position")
    if concept.parent_column:
        columns.append(f"{concept.parent_column}_id")
    key_of: Callable[[dict], tuple] = lambda row: tuple(row[c] for c in _key_columns(concept))  # noqa: E731
    existing = {
        key_of(row): row
        for row in concept.model.objects.filter(architecture=architecture, **(scope or {})).values(
            "id", "version", *columns
        )
    }
    counts = SyncCounts()
    to_create, to_update = [], []
    for wanted in desired:
        row = existing.pop(key_of(wanted), None)
        if row is None:
            to_create.append(concept.model(architecture=architecture, **wanted))
        elif any(row[c] != wanted[c] for c in wanted):
            to_update.append(concept.model(id=row["id"], version=row["version"] + 1, **wanted))
    if delete and existing:
        stale = [row["id"] for row in existing.values()]
        for chunk in _chunks(stale):
            concept.model.objects.filter(pk__in=chunk).delete()
        counts.deleted = len(stale)
    if to_update:
        concept.model.objects.bulk_update(to_update, [*columns, "version"], batch_size=BATCH)
    if to_create:
        concept.model.objects.bulk_create(to_create, batch_size=BATCH)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def _ids_by_name(concept: Concept, architecture: Architecture) -> dict[str, int]:
    return dict(concept.model.objects.filter(architecture=architecture).values_list("name", "id"))


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def children_rows(concept: Concept, parents: list[dict], parent_ids: dict[str, int], resolve):
    """Desired rows of a child concept, from each parent's spec data."""
    rows = []
    for parent in parents:
        for position, item in enumerate(_as_list(parent.get(concept.spec_attr))):
            row = data_to_columns(concept, item, resolve)
            row[f"{concept.parent_column}_id"] = parent_ids[parent["name"]]
            if concept.ordered:
                row["position"] = position
            rows.append(row)
    return rows


@transaction.atomic
def apply_spec(*, actor, architecture: Architecture, spec: SpecArchitecture) -> SyncCounts:
    """Make the architecture's contents be `spec` (a canonical spec)."""
    capture_all(architecture)
    full = spec.model_dump(mode="json")  # defaults included: every column gets a value
    counts = SyncCounts()

    services = [
        {**data_to_columns(SERVICES, s, _no_reference), "placeholder": s["placeholder"]}
        for s in full["services"]
    ]
    counts.add(sync_rows(SERVICES, architecture, services, delete=False))
    service_ids = _ids_by_name(SERVICES, architecture)
    resolve = service_ids.__getitem__

    for concept, items in (
        (GATEWAYS, full["gateways"]),
        (get_concept("mesh"), _as_list(full["mesh"])),
        (get_concept("circuit-breakers"), full["circuit_breakers"]),
        (get_concept("retry-policies"), full["retry_policies"]),
        (SAGAS, full["sagas"]),
    ):
        desired = [data_to_columns(concept, item, resolve) for item in items]
        counts.add(sync_rows(concept, architecture, desired))

    for concept in concepts_in(Scope.SERVICE):
        desired = children_rows(concept, full["services"], service_ids, resolve)
        counts.add(sync_rows(concept, architecture, desired))
    for parents, child_key, parent_concept in (
        (full["gateways"], "routes", GATEWAYS),
        (full["sagas"], "steps", SAGAS),
    ):
        parent_ids = _ids_by_name(parent_concept, architecture)
        child = get_concept(child_key)
        counts.add(
            sync_rows(child, architecture, children_rows(child, parents, parent_ids, resolve))
        )

    wanted_names = {s["name"] for s in services}
    removed = [pk for name, pk in service_ids.items() if name not in wanted_names]
    for chunk in _chunks(removed):
        SERVICES.model.objects.filter(pk__in=chunk).delete()
    counts.deleted += len(removed)

    fields_changed = assign_fields(architecture=architecture, fields=_fields_of(spec))
    if fields_changed or counts.created or counts.updated or counts.deleted:
        touch(architecture, actor)  # an import that changes nothing is no new revision
    return counts


def _fields_of(spec: SpecArchitecture) -> ArchitectureFields:
    return ArchitectureFields(
        name=spec.name, slug=spec.slug, description=spec.description, pattern=spec.pattern
    )


def _no_reference(name: str) -> int:
    raise AssertionError(f"services have no service references ({name})")


@transaction.atomic
def import_spec(
    *, actor, workspace: Workspace, spec: SpecArchitecture, architecture: Architecture | None = None
) -> tuple[Architecture, SyncCounts]:
    """Create an architecture from `spec`, or replace `architecture`'s contents with it."""
    if architecture is None:
        architecture = create_architecture(
            actor=actor, workspace=workspace, fields=_fields_of(spec)
        )
    counts = apply_spec(actor=actor, architecture=architecture, spec=spec)
    architecture.refresh_from_db()
    return architecture, counts
