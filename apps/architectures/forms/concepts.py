"""The form of each concept: generated from its spec class, adjusted where a concept needs it.

A concept with nothing special gets `spec_form_class(concept)`; the others declare
only what differs, and register themselves in FORMS.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from microservices.spec.enums import DeploymentKind
from microservices.spec.model import ArchitectureFields

from ..concepts import BY_KEY, Concept
from .base import SpecForm
from .factory import spec_form_class

ArchitectureForm = spec_form_class(ArchitectureFields)


class DeploymentForm(spec_form_class(BY_KEY["deployment"])):
    """Canary settings only mean something for the canary strategy."""

    shown_when = {"canary": ("strategy", DeploymentKind.CANARY.value)}

    def clean(self) -> dict[str, Any]:
        if self.cleaned_data.get("strategy") != DeploymentKind.CANARY:
            # Whatever was typed there before switching strategy no longer applies.
            for name in self.block_field_names("canary"):
                self.cleaned_data.pop(name, None)
                self.errors.pop(name, None)
        return super().clean()


FORMS: dict[str, type[SpecForm]] = {"deployment": DeploymentForm}


@cache
def form_for(concept: Concept) -> type[SpecForm]:
    return FORMS.get(concept.key) or spec_form_class(concept)
