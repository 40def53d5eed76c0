"""Between a table row and the spec's plain data for one object, for every concept.

The layout of a concept's columns is derived from its spec class: a nested spec
object becomes columns named with its path (`canary_initial_percentage`), and a
service reference becomes a foreign key. Rows are read with `.values()`, with the
referenced service's name joined in, so reading never needs a query per row.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from microservices.spec.model import is_url

from .concepts import Concept, ServiceReference


@dataclass(frozen=True)
class Leaf:
    name: str
    column: str
    reference: ServiceReference | None = None


@dataclass(frozen=True)
class Block:
    name: str
    optional: bool
    entries: tuple[Leaf | Block, ...]


def _nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(the spec class inside `X | None` or `X`, whether None is allowed)."""
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else ()
    optional = type(None) in args
    for candidate in args or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate, optional
    return None, optional


def _entries(concept: Concept, spec_class: type[BaseModel], prefix: tuple[str, ...]):
    for name, info in spec_class.model_fields.items():
        path = (*prefix, name)
        nested, optional = _nested_model(info.annotation)
        reference = next((r for r in concept.references if r.path == path), None)
        if nested is not None:
            yield Block(name, optional, tuple(_entries(concept, nested, path)))
        elif reference is not None:
            yield Leaf(name, reference.column, reference)
        else:
            column = concept.renames.get(name, name) if not prefix else "_".join(path)
            yield Leaf(name, column)


@cache
def layout(concept: Concept) -> tuple[Leaf | Block, ...]:
    return tuple(_entries(concept, concept.spec, ()))


def _leaves(entries) -> typing.Iterator[Leaf]:
    for entry in entries:
        if isinstance(entry, Block):
            yield from _leaves(entry.entries)
        else:
            yield entry


@cache
def read_columns(concept: Concept) -> tuple[str, ...]:
    """What to ask `.values()` for: plain columns, referenced names, id, version, parent."""
    names: list[str] = ["id", "version"]
    if concept.parent_column:
        names.append(f"{concept.parent_column}_id")
    if concept.ordered:
        names.append("position")
    names.extend(concept.extra_columns)
    for leaf in _leaves(layout(concept)):
        if leaf.reference is None:
            names.append(leaf.column)
        else:
            names.append(f"{leaf.reference.column}__name")
            if leaf.reference.urls_allowed:
                names.append("_".join(leaf.reference.path))
    return tuple(dict.fromkeys(names))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False


def _data(entries, row: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for entry in entries:
        if isinstance(entry, Block):
            block = _data(entry.entries, row)
            if entry.optional and all(_empty(v) for v in block.values()):
                continue
            data[entry.name] = block
        elif entry.reference is not None:
            ref = entry.reference
            value = row[f"{ref.column}__name"]
            if value is None and ref.urls_allowed:
                value = row["_".join(ref.path)] or None
            if value is not None:
                data[entry.name] = value
        else:
            data[entry.name] = row[entry.column]
    return data


def row_to_data(concept: Concept, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row (from `.values(*read_columns(concept))`) as the spec writes the object."""
    return _data(layout(concept), row)


Resolver = Callable[[str], int]


def _model_field_empty(concept: Concept, column: str) -> Any:
    field = concept.model._meta.get_field(column)
    return None if field.null else field.get_default()


def _columns(concept: Concept, entries, data: Mapping[str, Any] | None, resolve: Resolver):
    columns: dict[str, Any] = {}
    for entry in entries:
        value = None if data is None else data.get(entry.name)
        if isinstance(entry, Block):
            columns.update(_columns(concept, entry.entries, value, resolve))
        elif entry.reference is not None:
            ref = entry.reference
            is_name = bool(value) and not (ref.urls_allowed and is_url(value))
            columns[f"{ref.column}_id"] = resolve(value) if is_name else None
            if ref.urls_allowed:
                columns["_".join(ref.path)] = value or ""
        else:
            columns[entry.column] = (
                _model_field_empty(concept, entry.column) if value is None else value
            )
    return columns


def data_to_columns(concept: Concept, data: Mapping[str, Any], resolve: Resolver) -> dict[str, Any]:
    """The spec's plain data for one object (JSON mode) as column values (attnames).

    `resolve` turns a referenced service's name into its id.
    """
    return _columns(concept, layout(concept), data, resolve)


def column_names(concept: Concept) -> list[str]:
    """The attnames `data_to_columns` sets (what a bulk update must write)."""
    return list(data_to_columns(concept, {}, lambda name: 0))
