"""A semantic diff between two canonical specs (as `architecture_to_data` writes them).

Pure: plain data in, plain data out. Services added and removed are paired up as
renames when what they describe, apart from the name, is mostly the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

# Top-level collections and the field naming each of their items.
KEYED_SECTIONS = {
    "services": "name",
    "gateways": "name",
    "circuit_breakers": "service",
    "retry_policies": "service",
    "sagas": "name",
}
ARCHITECTURE_FIELDS = ("name", "slug", "description", "pattern")
RENAME_SIMILARITY = 0.6  # share of fields (apart from the name) that must be equal


@dataclass
class FieldChange:
    section: str
    key: str
    path: str
    before: Any
    after: Any


@dataclass
class SpecDiff:
    services_added: list[str] = field(default_factory=list)
    services_removed: list[str] = field(default_factory=list)
    services_renamed: list[dict[str, str]] = field(default_factory=list)
    objects_added: list[dict[str, str]] = field(default_factory=list)
    objects_removed: list[dict[str, str]] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    dependencies_added: list[dict[str, str]] = field(default_factory=list)
    dependencies_removed: list[dict[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(asdict(self).values())

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _keyed(data: dict, section: str) -> dict[str, dict]:
    key_field = KEYED_SECTIONS[section]
    return {item[key_field]: item for item in data.get(section) or []}


def field_changes(
    section: str, key: str, before: Any, after: Any, path: str = ""
) -> Iterator[FieldChange]:
    """One object's changes, leaf by leaf; lists (endpoints, dependencies...) are
    compared whole, which keeps each change readable as one before and after."""
    if isinstance(before, dict) and isinstance(after, dict):
        for name in dict.fromkeys([*before, *after]):
            yield from field_changes(
                section,
                key,
                before.get(name),
                after.get(name),
                f"{path}.{name}" if path else name,
            )
    elif before != after:
        yield FieldChange(section, key, path, before, after)


def _similarity(old: dict, new: dict) -> float:
    names = (set(old) | set(new)) - {"name"}
    if not names or old.get("placeholder") or new.get("placeholder"):
        return 0.0  # placeholders describe nothing to recognise them by
    return sum(old.get(n) == new.get(n) for n in names) / len(names)


def _renames(removed: dict[str, dict], added: dict[str, dict]) -> list[tuple[str, str]]:
    pairs = sorted(
        (
            (_similarity(old, new), old_name, new_name)
            for old_name, old in removed.items()
            for new_name, new in added.items()
        ),
        reverse=True,
    )
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    renames = []
    for score, old_name, new_name in pairs:
        if score < RENAME_SIMILARITY:
            break
        if old_name not in taken_old and new_name not in taken_new:
            taken_old.add(old_name)
            taken_new.add(new_name)
            renames.append((old_name, new_name))
    return renames


def _edges(data: dict) -> set[tuple[str, str, str]]:
    return {
        (service["name"], dependency["service"], dependency.get("mode", "sync"))
        for service in data.get("services") or []
        for dependency in service.get("dependencies") or []
    }


def _edge_dicts(edges: set[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"source": s, "target": t, "mode": m} for s, t, m in sorted(edges)]


def _diff_services(old: dict, new: dict, result: SpecDiff) -> None:
    before, after = _keyed(old, "services"), _keyed(new, "services")
    removed = {name: before[name] for name in before.keys() - after.keys()}
    added = {name: after[name] for name in after.keys() - before.keys()}
    renames = _renames(removed, added)
    result.services_renamed = [{"from": a, "to": b} for a, b in sorted(renames)]
    result.services_removed = sorted(removed.keys() - {a for a, _ in renames})
    result.services_added = sorted(added.keys() - {b for _, b in renames})
    for old_name, new_name in renames:
        changes = field_changes("services", new_name, removed[old_name], added[new_name])
        result.changes.extend(change for change in changes if change.path != "name")
    for name in sorted(before.keys() & after.keys()):
        result.changes.extend(field_changes("services", name, before[name], after[name]))


def _diff_others(old: dict, new: dict, result: SpecDiff) -> None:
    for section in KEYED_SECTIONS:
        if section == "services":
            continue
        before, after = _keyed(old, section), _keyed(new, section)
        for key in sorted(after.keys() - before.keys()):
            result.objects_added.append({"section": section, "key": key})
        for key in sorted(before.keys() - after.keys()):
            result.objects_removed.append({"section": section, "key": key})
        for key in sorted(before.keys() & after.keys()):
            result.changes.extend(field_changes(section, key, before[key], after[key]))
    old_mesh, new_mesh = old.get("mesh"), new.get("mesh")
    if old_mesh is None and new_mesh is not None:
        result.objects_added.append({"section": "mesh", "key": new_mesh.get("name", "")})
    elif old_mesh is not None and new_mesh is None:
        result.objects_removed.append({"section": "mesh", "key": old_mesh.get("name", "")})
    elif old_mesh != new_mesh:
        result.changes.extend(field_changes("mesh", "", old_mesh, new_mesh))


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> SpecDiff:
    """What changed from `old` to `new`, both canonical spec data."""
    result = SpecDiff()
    for name in ARCHITECTURE_FIELDS:
        if old.get(name) != new.get(name):
            result.changes.append(
                FieldChange("architecture", "", name, old.get(name), new.get(name))
            )
    _diff_services(old, new, result)
    _diff_others(old, new, result)
    old_edges, new_edges = _edges(old), _edges(new)
    result.dependencies_added = _edge_dicts(new_edges - old_edges)
    result.dependencies_removed = _edge_dicts(old_edges - new_edges)
    return result
