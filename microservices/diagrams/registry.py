"""The registry of views: each module of `views/` registers one with `@view`.

Adding a view is one decorated function in a new module (and its tests).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import DiagramContext
    from .graph import Graph

Build = Callable[["DiagramContext"], "Graph"]

# The order views are offered in (menus, review packs); unlisted views follow by name.
ORDER = ("dependencies", "context", "events", "sagas", "focus", "gateway")


@dataclass(frozen=True)
class View:
    name: str
    title: str
    description: str
    options: tuple[str, ...]  # the DiagramOptions fields it reads, besides findings and links
    build: Build


_VIEWS: dict[str, View] = {}


def view(
    name: str, *, title: str, description: str, options: Sequence[str] = ()
) -> Callable[[Build], Build]:
    """Register the decorated `build(ctx) -> Graph` as view `name`."""

    def register(build: Build) -> Build:
        if name in _VIEWS:
            raise ValueError(f"diagram view {name!r} is registered twice")
        _VIEWS[name] = View(name, title, description, tuple(options), build)
        return build

    return register


def load_views() -> dict[str, View]:
    """Every view, by name, in menu order (view modules are imported here)."""
    from . import views as package

    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
    rank = {name: index for index, name in enumerate(ORDER)}
    return dict(sorted(_VIEWS.items(), key=lambda item: (rank.get(item[0], len(ORDER)), item[0])))


class UnknownView(ValueError):
    def __init__(self, name: str, known: Sequence[str]):
        self.name = name
        super().__init__(f"unknown diagram view {name!r}; the views are {', '.join(known)}")
