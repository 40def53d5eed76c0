"""Page URLs of concepts: path converters from the registry, and URL building.

The converters only match the concept keys that may appear at their place, so a
service named `edit` or `new` never collides with a fixed segment, and a view
receives the Concept itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from ..concepts import BY_KEY, Concept, Scope, children_scope


def _keys(concepts) -> str:
    # Longest first, so that 'events' is not taken for the start of 'event-sourcing'.
    return "|".join(sorted((c.key for c in concepts), key=len, reverse=True))


class _ConceptConverter:
    regex = ""

    def to_python(self, value: str) -> Concept:
        return BY_KEY[value]

    def to_url(self, value: Concept | str) -> str:
        return value.key if isinstance(value, Concept) else value


def _converter(name: str, predicate) -> type[_ConceptConverter]:
    concepts = [concept for concept in BY_KEY.values() if predicate(concept)]
    return type(name, (_ConceptConverter,), {"regex": _keys(concepts)})


class SegmentConverter:
    """One path segment without control characters: a NUL never reaches a query."""

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


ARCH = Scope.ARCHITECTURE
PARENT_KEYS = ("services", "gateways", "sagas")

CONVERTERS = {
    "segment": SegmentConverter,
    # objects of the architecture itself
    "top": _converter("TopConverter", lambda c: c.scope == ARCH),
    "top_keyed": _converter("TopKeyedConverter", lambda c: c.scope == ARCH and not c.singleton),
    "top_single": _converter("TopSingleConverter", lambda c: c.scope == ARCH and c.singleton),
    # objects that have children, and those children
    "parent": _converter("ParentConverter", lambda c: c.key in PARENT_KEYS),
    "child": _converter("ChildConverter", lambda c: c.scope != ARCH),
    "child_keyed": _converter("ChildKeyedConverter", lambda c: c.scope != ARCH and not c.singleton),
    "child_single": _converter("ChildSingleConverter", lambda c: c.scope != ARCH and c.singleton),
}


def belongs(concept: Concept, parent: Concept | None) -> bool:
    """Whether `concept`'s objects live directly under `parent` (None: the architecture)."""
    if parent is None:
        return concept.scope == ARCH
    return concept.scope == children_scope(parent)


def object_key(concept: Concept, row_id: int, data: dict) -> str:
    """The URL segment naming one object: its id, or its natural key's value."""
    return str(row_id) if concept.by_id else str(data[concept.natural_key])


@dataclass(frozen=True)
class Place:
    """Where objects sit: an architecture, or a service, gateway or saga in it."""

    workspace: str
    architecture: str
    parent: Concept | None = None
    parent_key: str | None = None

    def _args(self) -> list:
        args = [self.workspace, self.architecture]
        return [*args, self.parent, self.parent_key] if self.parent else args

    def _name(self, action: str, concept: Concept | None = None) -> str:
        scope = "child" if self.parent else "object"
        single = "-single" if concept is not None and concept.singleton else ""
        return f"architectures:{scope}{single}-{action}"

    def new_url(self, concept: Concept, **query: str) -> str:
        url = reverse(self._name("new"), args=[*self._args(), concept])
        return f"{url}?{urlencode(query)}" if query else url

    def _object_url(self, action: str, concept: Concept, key: str | None) -> str:
        args = [*self._args(), concept] + ([] if concept.singleton else [key])
        return reverse(self._name(action, concept), args=args)

    def edit_url(self, concept: Concept, key: str | None = None) -> str:
        return self._object_url("edit", concept, key)

    def delete_url(self, concept: Concept, key: str | None = None) -> str:
        return self._object_url("delete", concept, key)

    def move_url(self, concept: Concept, key: str) -> str:
        return reverse("architectures:child-move", args=[*self._args(), concept, key])

    def page_url(self) -> str:
        """The page showing this place's objects: the architecture's or the parent's."""
        if self.parent is None:
            return architecture_url(self.workspace, self.architecture)
        return object_page_url(self.workspace, self.architecture, self.parent, self.parent_key)


def architecture_url(workspace: str, architecture: str) -> str:
    return reverse("architectures:detail", args=[workspace, architecture])


def object_page_url(workspace: str, architecture: str, concept: Concept, key: str) -> str:
    """The page of a service, gateway or saga."""
    name = {"services": "service", "gateways": "gateway", "sagas": "saga"}[concept.key]
    return reverse(f"architectures:{name}", args=[workspace, architecture, key])
