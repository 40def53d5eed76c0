"""What a thread can be about: the architecture, or one of its services, API gateways
or sagas (the objects with a page of their own), named by concept and natural key.

Written as text (``?object=`` and the forms) a target is ``architecture`` or
``<concept>:<key>``, e.g. ``services:order-service``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from apps.architectures.concepts import GATEWAYS, SAGAS, SERVICES, Concept
from apps.architectures.views.routing import architecture_url, object_page_url
from microservices.spec import SpecValidationError

from .models import ARCHITECTURE_TARGET

COMMENTABLE: dict[str, Concept] = {concept.key: concept for concept in (SERVICES, GATEWAYS, SAGAS)}


@dataclass(frozen=True)
class Target:
    concept: str  # ARCHITECTURE_TARGET or a key of COMMENTABLE
    key: str = ""

    @property
    def is_architecture(self) -> bool:
        return self.concept == ARCHITECTURE_TARGET

    def __str__(self) -> str:
        return self.concept if self.is_architecture else f"{self.concept}:{self.key}"

    @property
    def label(self) -> str:
        if self.is_architecture:
            return "the architecture"
        return f"{COMMENTABLE[self.concept].label} {self.key}"

    def page_url(self, workspace: str, architecture: str) -> str:
        if self.is_architecture:
            return architecture_url(workspace, architecture)
        return object_page_url(workspace, architecture, COMMENTABLE[self.concept], self.key)


ARCHITECTURE = Target(ARCHITECTURE_TARGET)


def parse_target(text: str | None, field: str = "object") -> Target:
    """The target written as text; a SpecValidationError on `field` when it names none."""
    text = (text or "").strip()
    if text in ("", ARCHITECTURE_TARGET):
        return ARCHITECTURE
    concept, _, key = text.partition(":")
    if concept not in COMMENTABLE or not key:
        kinds = ", ".join(f"{k}:<name>" for k in COMMENTABLE)
        raise SpecValidationError.single(
            f"{text!r} is not something to comment on: write architecture or one of {kinds}",
            (field,),
        )
    return Target(concept, key)


def existing(architecture, targets: Iterable[Target]) -> set[Target]:
    """Which of `targets` exist in the architecture now: one query per kind of object."""
    wanted: dict[str, set[str]] = {}
    for target in targets:
        if not target.is_architecture:
            wanted.setdefault(target.concept, set()).add(target.key)
    found = {ARCHITECTURE}
    for concept_key, names in wanted.items():
        model = COMMENTABLE[concept_key].model
        present = model.objects.filter(architecture=architecture, name__in=names)
        found.update(Target(concept_key, name) for name in present.values_list("name", flat=True))
    return found
