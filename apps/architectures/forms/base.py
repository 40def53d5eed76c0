"""The base of every generated spec form: assembling, validating, placing errors.

The form's fields are flat (`canary_increment`); the spec object is nested
(`canary: {increment: ...}`). `clean()` builds the nested data, validates it with
the spec class and puts each error next to the field it is about, so a form never
has rules of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from pydantic import BaseModel, ValidationError

from microservices.spec import SpecValidationError
from microservices.spec.errors import Loc, SpecError, from_pydantic

from .fields import ServiceNameInput


@dataclass(frozen=True)
class Leaf:
    path: tuple[str, ...]
    name: str  # the form field: the path joined with '_'
    spec_required: bool  # the spec has no default for it


@dataclass(frozen=True)
class Block:
    path: tuple[str, ...]
    label: str
    optional: bool  # may be left out (None) when all its fields are empty
    entries: tuple[Leaf | Block, ...]

    @property
    def name(self) -> str:
        return "_".join(self.path)


@dataclass(frozen=True)
class Fieldset:
    """What a template draws: a legend (None for the top level) and its fields."""

    name: str
    legend: str | None
    optional: bool
    fields: list[forms.BoundField]
    shown_when: tuple[str, str] | None = None  # (field, value) it applies to

    @property
    def note(self) -> str:
        if self.shown_when:
            return f"Only for the {self.shown_when[1]} {self.shown_when[0].replace('_', ' ')}."
        return "Optional: leave all of these empty for none." if self.optional else ""

    @property
    def only_checkboxes(self) -> bool:
        return all(field.widget_type == "checkbox" for field in self.fields)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False or value == [] or value == {}


def _leaves(entries: Iterable[Leaf | Block]) -> Iterator[Leaf]:
    for entry in entries:
        if isinstance(entry, Block):
            yield from _leaves(entry.entries)
        else:
            yield entry


def _describe_rest(rest: Loc) -> str:
    """What part of a field an error is about: 'line 2: ' for list items, 'key: ' for maps."""
    if not rest:
        return ""
    first = rest[0]
    if isinstance(first, int):
        return f"line {first + 1}: "
    return f"{first}: " if first != "[key]" else ""


class SpecForm(forms.Form):
    """A form for one spec class; subclasses come from `spec_form_class`."""

    spec_class: ClassVar[type[BaseModel]]
    concept: ClassVar[Any] = None
    tree: ClassVar[tuple[Leaf | Block, ...]] = ()
    # Blocks that apply only when another field has a value: {"canary": ("strategy", "canary")}.
    shown_when: ClassVar[dict[str, tuple[str, str]]] = {}

    required_css_class = "required"

    def __init__(self, *args, instance_data: Mapping[str, Any] | None = None, **kwargs):
        """`instance_data`: the spec data of the object being edited (nested, plain)."""
        self.service_names: list[str] = list(kwargs.pop("service_names", ()))
        if instance_data is not None:
            kwargs["initial"] = {**self.flatten(instance_data), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.spec_object: BaseModel | None = None

    # --- reading spec data in ------------------------------------------------------

    @classmethod
    def flatten(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        """Nested spec data as initial values of the flat form fields."""
        flat: dict[str, Any] = {}

        def walk(entries, values: Mapping[str, Any]) -> None:
            for entry in entries:
                value = values.get(entry.path[-1])
                if isinstance(entry, Block):
                    walk(entry.entries, value or {})
                elif value is not None:
                    flat[entry.name] = value

        walk(cls.tree, data)
        return flat

    @property
    def has_service_references(self) -> bool:
        return any(isinstance(field.widget, ServiceNameInput) for field in self.fields.values())

    # --- validating --------------------------------------------------------------------

    def block_field_names(self, block: str) -> list[str]:
        for entry in self.tree:
            if isinstance(entry, Block) and entry.name == block:
                return [leaf.name for leaf in _leaves(entry.entries)]
        raise KeyError(block)

    def _assemble(self, entries) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for entry in entries:
            key = entry.path[-1]
            if isinstance(entry, Block):
                block = self._assemble(entry.entries)
                refused = any(leaf.name in self.errors for leaf in _leaves(entry.entries))
                if entry.optional and not refused and all(_empty(v) for v in block.values()):
                    data[key] = None
                else:
                    data[key] = block
                continue
            if entry.name not in self.cleaned_data:
                continue  # excluded, or already failed: the spec's default or its error
            value = self.cleaned_data[entry.name]
            if value is None or value == "":
                continue  # left empty: the spec's default applies, or it says what is missing
            data[key] = value
        return data

    def spec_data(self) -> dict[str, Any]:
        """The nested plain data the form's values make (before spec validation)."""
        return self._assemble(self.tree)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            self.spec_object = self.spec_class.model_validate(self.spec_data())
        except ValidationError as exc:
            self.add_spec_errors(from_pydantic(exc))
        return cleaned

    # --- placing errors -------------------------------------------------------------------

    def _block_label(self, loc: Loc) -> str | None:
        entries, label = self.tree, None
        for part in loc:
            block = next((e for e in entries if isinstance(e, Block) and e.path[-1] == part), None)
            if block is None:
                break
            entries, label = block.entries, block.label
        return label

    def _field_for(self, loc: Loc) -> tuple[str | None, Loc]:
        """The form field an error at `loc` is about, and the rest of the loc."""
        found, rest, parts = None, loc, []
        for index, part in enumerate(loc):
            if not isinstance(part, str):
                break
            parts.append(part)
            if "_".join(parts) in self.fields:
                found, rest = "_".join(parts), loc[index + 1 :]
        return found, rest

    def add_spec_error(self, error: SpecError) -> None:
        field, rest = self._field_for(error.loc)
        if field is not None:
            if field not in self.errors:  # a field Django already refused: one message is enough
                self.add_error(field, _describe_rest(rest) + error.message)
            return
        label = self._block_label(error.loc)
        self.add_error(None, f"{label}: {error.message}" if label else error.message)

    def add_spec_errors(self, exc: SpecValidationError | Iterable[SpecError]) -> None:
        for error in exc.errors if isinstance(exc, SpecValidationError) else exc:
            self.add_spec_error(error)

    # --- drawing ------------------------------------------------------------------------

    def fieldsets(self) -> list[Fieldset]:
        """The top-level fields, then one fieldset per block (nested blocks flattened)."""
        top_fields = [self[leaf.name] for leaf in self.tree if isinstance(leaf, Leaf)]
        top = Fieldset("", None, False, top_fields)
        sets = [top] if top.fields else []
        for entry in self.tree:
            if isinstance(entry, Block):
                sets.extend(self._block_fieldsets(entry, entry.label))
        return sets

    def _block_fieldsets(self, block: Block, legend: str) -> list[Fieldset]:
        own = [self[e.name] for e in block.entries if isinstance(e, Leaf)]
        condition = self.shown_when.get(block.name)
        sets = [Fieldset(block.name, legend, block.optional, own, condition)] if own else []
        for entry in block.entries:
            if isinstance(entry, Block):
                sets.extend(self._block_fieldsets(entry, f"{legend} › {entry.label}"))
        return sets
