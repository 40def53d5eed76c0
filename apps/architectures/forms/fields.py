"""Form fields for the spec's list and mapping values, typed as text one item a line.

Each field turns the text into the spec's plain value (a list, a dict) and shows a
spec value back as text; what the items may contain is left to the spec model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.core.exceptions import ValidationError


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A list of strings, one a line; blank lines are ignored."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "lines"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return _lines(super().to_python(value) or "")

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial or "") != self.to_python(data or "")


class MappingField(forms.CharField):
    """A string-to-string mapping written `key: value`, one pair a line."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "lines"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Mapping):
            return "\n".join(f"{key}: {item}" for key, item in value.items())
        return value

    def to_python(self, value) -> dict[str, str]:
        if isinstance(value, Mapping):
            return {str(key): str(item) for key, item in value.items()}
        pairs: dict[str, str] = {}
        for number, line in enumerate(_lines(super().to_python(value) or ""), start=1):
            key, colon, item = line.partition(":")
            if not colon:
                raise ValidationError(
                    "line %(number)s (%(line)s) has no ':'; write each pair as key: value",
                    params={"number": number, "line": line},
                    code="not_a_pair",
                )
            if key.strip() in pairs:
                raise ValidationError(
                    "line %(number)s repeats the key %(key)s",
                    params={"number": number, "key": key.strip()},
                    code="repeated_key",
                )
            pairs[key.strip()] = item.strip()
        return pairs


class ServiceNameInput(forms.TextInput):
    """A text input suggesting the architecture's service names (one shared datalist)."""

    DATALIST_ID = "service-names"

    def __init__(self, attrs=None):
        super().__init__({"list": self.DATALIST_ID, "autocomplete": "off", **(attrs or {})})


def choices_of(values: Iterable[str], *, blank: bool) -> list[tuple[str, str]]:
    options = [(value, value) for value in values]
    return [("", "—"), *options] if blank else options
