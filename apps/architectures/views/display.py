"""Showing any concept's objects from their spec data: columns, cells and row links.

Columns follow the concept's form (so its spec class): a new concept shows up in
its tables without any code here. Service names link to the service's page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.urls import reverse

from ..concepts import Concept
from ..forms import form_for
from ..forms.base import Block, Leaf
from ..forms.factory import label_for
from .routing import Place, object_key


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]
    label: str
    reference: bool
    numeric: bool = False


@dataclass
class Cell:
    text: str = ""
    url: str = ""
    badges: list[str] = field(default_factory=list)
    empty: bool = False
    code: bool = False
    numeric: bool = False


@dataclass
class Row:
    key: str
    cells: list[Cell]
    data: dict[str, Any]
    edit_url: str = ""
    delete_url: str = ""
    move_url: str = ""
    first: bool = False
    last: bool = False


@dataclass
class Table:
    concept: Concept
    columns: list[Column]
    rows: list[Row]
    new_url: str = ""

    @property
    def title(self) -> str:
        return self.concept.label if self.concept.singleton else self.concept.plural_label

    def fields(self) -> list[tuple[str, Cell]]:
        """The single row as (label, cell) pairs, for singletons shown as a list."""
        if not self.rows:
            return []
        return list(zip([c.label for c in self.columns], self.rows[0].cells, strict=True))


def columns_of(concept: Concept) -> list[Column]:
    references = {ref.path for ref in concept.references}
    form_fields = form_for(concept).base_fields
    columns: list[Column] = []

    def walk(entries, prefix: str) -> None:
        for entry in entries:
            if isinstance(entry, Block):
                walk(entry.entries, f"{prefix}{entry.label} › ")
            elif isinstance(entry, Leaf):
                label = prefix + label_for(entry.path[-1])
                numeric = isinstance(form_fields[entry.name], forms.IntegerField | forms.FloatField)
                columns.append(Column(entry.path, label, entry.path in references, numeric))

    walk(form_for(concept).tree, "")
    return columns


def _value_at(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


CODE_FIELDS = {"path", "endpoint", "event", "action", "compensation", "topic", "window"}


def cell_for(value: Any, *, path: tuple[str, ...], link: Callable[[str], str] | None) -> Cell:
    if value is None or value == "" or value == [] or value == {}:
        return Cell("—", empty=True)
    if isinstance(value, bool):
        return Cell("yes" if value else "no")
    if isinstance(value, list):
        return Cell(badges=[str(item) for item in value])
    if isinstance(value, dict):
        return Cell(badges=[f"{key}: {item}" for key, item in value.items()])
    text = str(value)
    url = link(text) if link is not None and "://" not in text else ""
    return Cell(text, url=url, code=path[-1] in CODE_FIELDS)


def service_linker(workspace: str, architecture: str) -> Callable[[str], str]:
    def link(name: str) -> str:
        return reverse("architectures:service", args=[workspace, architecture, name])

    return link


def table(
    concept: Concept,
    place: Place,
    items: Iterable[tuple[int, dict[str, Any]]],
    *,
    can_edit: bool,
    link: Callable[[str], str] | None = None,
) -> Table:
    """A table of `items` ((row id, spec data) pairs) with their edit, delete and move links."""
    columns = columns_of(concept)
    link = link or service_linker(place.workspace, place.architecture)
    rows: list[Row] = []
    for row_id, data in items:
        key = None if concept.singleton else object_key(concept, row_id, data)
        cells = []
        for column in columns:
            value = _value_at(data, column.path)
            cell = cell_for(value, path=column.path, link=link if column.reference else None)
            cell.numeric = column.numeric
            cells.append(cell)
        row = Row(key or "", cells, data)
        if can_edit:
            row.edit_url = place.edit_url(concept, key)
            row.delete_url = place.delete_url(concept, key)
            if concept.ordered:
                row.move_url = place.move_url(concept, key)
        rows.append(row)
    if rows:
        rows[0].first, rows[-1].last = True, True
    new_url = place.new_url(concept) if can_edit and not (concept.singleton and rows) else ""
    return Table(concept, columns, rows, new_url)


def describe(concept: Concept, data: dict[str, Any] | None) -> str:
    """'service order-service', 'endpoint /orders', 'tracing'."""
    label = concept.label
    if concept.natural_key and data and data.get(concept.natural_key) is not None:
        return f"{label} {data[concept.natural_key]}"
    return label
