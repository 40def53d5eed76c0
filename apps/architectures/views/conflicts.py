"""A form saved over someone else's change: what differs, field by field, and the merge.

The page shows the user's values beside the current ones for every field where
they differ; the user keeps theirs or the current value per field, and the
chosen values are posted again like the form itself, with the current version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict

from ..forms import SpecForm

MINE, THEIRS = "mine", "theirs"
CHOICE_PREFIX = "choice-"
# Posted alongside the fields; the conflict page sets its own.
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", "version", "resolve", "next", "back"})


@dataclass(frozen=True)
class FieldConflict:
    name: str
    label: str
    mine: str
    theirs: str

    @property
    def choice_name(self) -> str:
        return CHOICE_PREFIX + self.name


def current_values(form_class: type[SpecForm], data: Mapping[str, Any]) -> dict[str, Any]:
    """The flat field values of stored spec data, defaults filled in as a saved form has them."""
    own = {key: value for key, value in data.items() if key in form_class.spec_class.model_fields}
    full = form_class.spec_class.model_validate(own).model_dump(mode="json")
    return form_class.flatten(full)


def shown(value: Any) -> str:
    """A value as one line of text for the comparison."""
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    return str(value)


def differences(form: SpecForm, current: Mapping[str, Any]) -> list[FieldConflict]:
    """The fields where the user's (valid) form and the stored object disagree."""
    mine = form.flatten(form.spec_object.model_dump(mode="json"))
    theirs = current_values(type(form), current)
    return [
        FieldConflict(name, str(form[name].label), shown(mine.get(name)), shown(theirs.get(name)))
        for name in form.fields
        if mine.get(name) != theirs.get(name)
    ]


def current_summary(form_class: type[SpecForm], data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every field of stored spec data as (label, text), for a page confirming a delete."""
    values = current_values(form_class, data)
    fields = form_class.base_fields
    return [(str(fields[name].label or name), shown(value)) for name, value in values.items()]


def carried_values(posted: QueryDict) -> list[tuple[str, str]]:
    """The user's posted field values, to send again from the conflict page."""
    return [
        (key, value)
        for key, values in posted.lists()
        if key not in NOT_CARRIED and not key.startswith(CHOICE_PREFIX)
        for value in values
    ]


def _posted_form(field: forms.Field, value: Any) -> list[str]:
    """A stored value as a browser would post it in `field`."""
    if value is None or value is False:
        return []
    if value is True:
        return ["on"]
    if isinstance(field, forms.MultipleChoiceField):
        return [str(item) for item in value]
    return [str(field.prepare_value(value))]


def merged(form_class: type[SpecForm], posted: QueryDict, current: Mapping[str, Any]) -> QueryDict:
    """The posted values, with the current value in every field whose choice is theirs."""
    data = posted.copy()
    theirs = current_values(form_class, current)
    for name, field in form_class.base_fields.items():
        if posted.get(CHOICE_PREFIX + name) == THEIRS:
            data.setlist(name, _posted_form(field, theirs.get(name)))
    return data
