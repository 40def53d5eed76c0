"""Django forms generated from the spec model's classes.

`spec_form_class(ServiceFields)` gives a form with one field per spec field: the
field's type, bounds, choices and help text all come from the pydantic class, and
its `clean()` validates through that class (see SpecForm). A nested spec object
(`canary`, `authentication`) is flattened into fields named with its path joined
by '_' (`canary_initial_percentage`, as the database columns are) and shown under
its own fieldset. Nothing here states a validation rule of its own.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, Union

import annotated_types as at
from django import forms
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ..concepts import Concept, ServiceReference
from .base import Block, Leaf, SpecForm
from .fields import LinesField, MappingField, ServiceNameInput, choices_of

# Longer than any one-line value (URLs are the longest): such a string is prose.
PROSE_MIN_LENGTH = 2049

SERVICE_HELP = "A service of this architecture; a name not defined yet becomes a placeholder."
ISSUER_HELP = "A service of this architecture (its name) or an issuer URL."
_WORDS = {"ms": "(ms)", "seconds": "(seconds)", "minutes": "(minutes)", "mtls": "mTLS"}


def label_for(name: str) -> str:
    """'reset_timeout_seconds' -> 'Reset timeout (seconds)'."""
    words = name.split("_")
    if words[0] not in _WORDS:
        words[0] = words[0].capitalize()
    return " ".join(_WORDS.get(word, word) for word in words)


def _without_none(annotation: Any) -> tuple[list[Any], bool]:
    """The members of a union other than None, and whether None was one."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = list(typing.get_args(annotation))
        others = [member for member in members if member is not type(None)]
        return others, len(others) != len(members)
    return [annotation], False


def _bare(annotation: Any) -> Any:
    """The type inside Annotated[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _bounds(info: FieldInfo, integer: bool) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    step = 1 if integer else 0
    for item in info.metadata:
        if isinstance(item, at.Ge):
            bounds["min_value"] = item.ge
        elif isinstance(item, at.Gt) and integer:
            bounds["min_value"] = item.gt + step
        elif isinstance(item, at.Le):
            bounds["max_value"] = item.le
        elif isinstance(item, at.Lt) and integer:
            bounds["max_value"] = item.lt - step
    return bounds


def _max_length(info: FieldInfo) -> int | None:
    for item in info.metadata:
        if isinstance(item, at.MaxLen):
            return item.max_length
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return extra.get("maxLength")


def _default(info: FieldInfo) -> Any:
    if info.default_factory is not None:
        return info.default_factory()
    if info.default is PydanticUndefined or info.default is None:
        return None
    return info.default.value if isinstance(info.default, StrEnum) else info.default


def _scalar_field(info: FieldInfo, kind: Any, required: bool, blank: bool) -> forms.Field:
    """A form field for a scalar spec value (kind is the type without None)."""
    if kind is bool:
        return forms.BooleanField(required=False)
    if kind is int:
        return forms.IntegerField(required=required, **_bounds(info, integer=True))
    if kind is float:
        return forms.FloatField(required=required, **_bounds(info, integer=False))
    if _is_enum(kind):
        values = [member.value for member in kind]
        return forms.ChoiceField(required=required, choices=choices_of(values, blank=blank))
    if typing.get_origin(kind) is Literal:
        values = [str(value) for value in typing.get_args(kind)]
        return forms.ChoiceField(required=required, choices=choices_of(values, blank=blank))
    max_length = _max_length(info)
    if max_length and max_length >= PROSE_MIN_LENGTH:
        return forms.CharField(
            required=required, max_length=max_length, widget=forms.Textarea(attrs={"rows": 3})
        )
    return forms.CharField(required=required, max_length=max_length)


def _collection_field(kind: Any) -> forms.Field | None:
    origin = typing.get_origin(kind)
    if origin is list:
        (item,) = typing.get_args(kind)
        item = _bare(item)
        if _is_enum(item):
            return forms.MultipleChoiceField(
                required=False,
                choices=[(member.value, member.value) for member in item],
                widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
            )
        return LinesField(help_text="One per line.")
    if origin is dict:
        return MappingField(help_text="One per line, written key: value (e.g. language: python).")
    return None


def _form_field(info: FieldInfo, *, required: bool) -> forms.Field:
    members, nullable = _without_none(info.annotation)
    kinds = [_bare(member) for member in members]
    # `Identifier | Literal[""]`: any string member makes it a text field.
    kind = str if len(kinds) > 1 and str in kinds else kinds[0]
    if len(kinds) > 1 and kind is not str:
        raise TypeError(f"no form field for the union {info.annotation!r}")
    field = _collection_field(kind)
    if field is None:
        blank = not required and (nullable or _default(info) is None)
        field = _scalar_field(info, kind, required, blank)
    field.initial = _default(info)
    return field


def _reference_field(reference: ServiceReference, required: bool, info: FieldInfo):
    help_text = ISSUER_HELP if reference.urls_allowed else SERVICE_HELP
    return forms.CharField(
        required=required,
        max_length=_max_length(info),
        widget=ServiceNameInput(),
        help_text=help_text,
    )


@dataclass
class _Builder:
    references: dict[tuple[str, ...], ServiceReference]
    exclude: set[str]

    def entries(self, spec_class, prefix: tuple[str, ...], block_optional: bool):
        fields: dict[str, forms.Field] = {}
        entries: list[Leaf | Block] = []
        for name, info in spec_class.model_fields.items():
            path = (*prefix, name)
            flat = "_".join(path)
            if flat in self.exclude:
                continue
            members, nullable = _without_none(info.annotation)
            nested = _bare(members[0])
            if len(members) == 1 and _is_model(nested):
                inner_fields, inner = self.entries(nested, path, block_optional or nullable)
                fields.update(inner_fields)
                entries.append(Block(path, label_for(name), nullable, tuple(inner)))
                continue
            # Inside an optional block nothing is required: an empty block means none.
            required = info.is_required() and not block_optional
            if path in self.references:
                field = _reference_field(self.references[path], required, info)
            else:
                field = _form_field(info, required=required)
            field.label = label_for(name)
            if info.description and not field.help_text:
                field.help_text = info.description
            fields[flat] = field
            entries.append(Leaf(path, flat, info.is_required()))
        return fields, entries


def _references_of(
    concept: Concept | None, references: Iterable[ServiceReference | tuple[str, ...]] | None
) -> dict[tuple[str, ...], ServiceReference]:
    if references is None:
        references = concept.references if concept else ()
    found = {}
    for reference in references:
        if not isinstance(reference, ServiceReference):
            reference = ServiceReference(tuple(reference), "_".join(reference))
        found[reference.path] = reference
    return found


def spec_form_class(
    concept_or_spec_class: Concept | type[BaseModel],
    *,
    references: Iterable[ServiceReference | tuple[str, ...]] | None = None,
    exclude: Iterable[str] = (),
    base: type[SpecForm] = SpecForm,
) -> type[SpecForm]:
    """A form class for one spec class (or a concept's spec class).

    `references`: the field paths that name a service (by default the concept's);
    they get a text input suggesting the architecture's service names.
    `exclude`: form field names (flattened) to leave out; their spec defaults apply.
    """
    concept = concept_or_spec_class if isinstance(concept_or_spec_class, Concept) else None
    spec_class = concept.spec if concept else concept_or_spec_class
    builder = _Builder(_references_of(concept, references), set(exclude))
    fields, entries = builder.entries(spec_class, (), block_optional=False)
    attrs = {**fields, "spec_class": spec_class, "concept": concept, "tree": tuple(entries)}
    return type(f"{spec_class.__name__}Form", (base,), attrs)
