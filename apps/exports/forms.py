"""The export form: which targets, and the options, checked by the engine's own rules.

Fields only convert text to values; what is a valid namespace, registry or
replica count is decided once, by the export options' model (through
`services.checked_request`), and its errors are shown on the field they name.
"""

from __future__ import annotations

from typing import Any

from django import forms

from microservices.export import ExportOptions, all_exporters
from microservices.spec import SpecValidationError

from .services import checked_request


def _option_field(name: str, info) -> forms.Field:
    label = name.replace("_", " ").capitalize()
    common = {"required": False, "label": label, "help_text": info.description or ""}
    if info.annotation is int:
        return forms.IntegerField(initial=info.default, **common)
    return forms.CharField(initial=info.default, strip=True, **common)


class ExportForm(forms.Form):
    targets = forms.MultipleChoiceField(
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one target."},
    )

    def __init__(self, *args, architecture=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exporters = all_exporters()
        self.fields["targets"].choices = [(n, e.title) for n, e in self.exporters.items()]
        self.fields["targets"].initial = list(self.exporters)
        for name, info in ExportOptions.model_fields.items():
            self.fields[name] = _option_field(name, info)
        if architecture is not None:
            self.fields["namespace"].widget.attrs["placeholder"] = architecture.slug

    @property
    def option_fields(self) -> list:
        return [self[name] for name in ExportOptions.model_fields]

    def target_rows(self) -> list[dict[str, Any]]:
        """Each target with its description and whether it is ticked."""
        chosen = set(self["targets"].value() or ())
        return [
            {"exporter": exporter, "checked": name in chosen}
            for name, exporter in self.exporters.items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        given = {
            name: cleaned[name]
            for name in ExportOptions.model_fields
            if cleaned.get(name) not in (None, "")
        }
        try:
            cleaned["targets"], cleaned["options"] = checked_request(cleaned["targets"], given)
        except SpecValidationError as exc:
            for problem in exc.errors:
                where = problem.loc[1] if problem.loc[:1] == ("options",) else "targets"
                self.add_error(where if where in self.fields else None, problem.message)
        return cleaned
