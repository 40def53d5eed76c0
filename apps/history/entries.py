"""Top-level spec objects ("entries") of an architecture, read and reassembled.

An entry is what a revision records: the architecture's own fields, one service
with its children, one gateway with its routes, one saga with its steps, the mesh,
one circuit breaker or retry policy. Entries are keyed by (section, natural key).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from apps.architectures.concepts import GATEWAYS, SAGAS, SERVICES, Concept, get_concept
from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_data, object_data, objects_data, rows

EntryKey = tuple[str, str]
ARCHITECTURE = "architecture"
OWN_FIELDS = ("name", "slug", "description", "pattern")
SECTION_CONCEPTS: dict[str, Concept] = {
    "services": SERVICES,
    "gateways": GATEWAYS,
    "mesh": get_concept("mesh"),
    "circuit_breakers": get_concept("circuit-breakers"),
    "retry_policies": get_concept("retry-policies"),
    "sagas": SAGAS,
}
WITH_CHILDREN = (SERVICES, GATEWAYS, SAGAS)


def entry_key(section: str, data: dict[str, Any]) -> EntryKey:
    concept = SECTION_CONCEPTS[section]
    return section, "" if concept.singleton else str(data[concept.natural_key])


def split(data: dict[str, Any]) -> dict[EntryKey, dict[str, Any]]:
    """Spec data (as `architecture_data` gives it) as entries."""
    entries: dict[EntryKey, dict[str, Any]] = {
        (ARCHITECTURE, ""): {name: data[name] for name in OWN_FIELDS}
    }
    for section in SECTION_CONCEPTS:
        items = data.get(section)
        items = [] if items is None else items if isinstance(items, list) else [items]
        for item in items:
            entries[entry_key(section, item)] = item
    return entries


def join(entries: dict[EntryKey, dict[str, Any]]) -> dict[str, Any]:
    """Entries back into spec data (order does not matter: the canonical form sorts)."""
    data: dict[str, Any] = dict(entries.get((ARCHITECTURE, ""), {}))
    for section, concept in SECTION_CONCEPTS.items():
        items = [item for (s, _), item in entries.items() if s == section]
        data[section] = (items[0] if items else None) if concept.singleton else items
    return data


def all_entries(architecture: Architecture) -> dict[EntryKey, dict[str, Any]]:
    return split(architecture_data(architecture))


def _key_filter(concept: Concept, keys: list[str]) -> dict[str, Any]:
    if concept.singleton:
        return {}
    column = concept.column(concept.natural_key)
    is_reference = any(ref.column == column for ref in concept.references)
    return {f"{column}__name__in" if is_reference else f"{column}__in": keys}


def read_entries(architecture: Architecture, keys: Iterable[EntryKey]) -> dict[EntryKey, dict]:
    """The entries among `keys` that exist now (a few queries per section asked for)."""
    by_section: dict[str, list[str]] = defaultdict(list)
    for section, key in keys:
        by_section[section].append(key)
    found: dict[EntryKey, dict] = {}
    if ARCHITECTURE in by_section:
        own = Architecture.objects.filter(pk=architecture.pk).values(*OWN_FIELDS).first()
        if own is not None:
            found[(ARCHITECTURE, "")] = own
    for section, names in by_section.items():
        if section == ARCHITECTURE:
            continue
        concept = SECTION_CONCEPTS[section]
        selected = rows(concept, architecture_id=architecture.pk, **_key_filter(concept, names))
        if concept in WITH_CHILDREN:
            items = objects_data(concept, selected, architecture.pk)
        else:
            items = [object_data(concept, row) for row in selected]
        for item in items:
            found[entry_key(section, item)] = item
    return found
