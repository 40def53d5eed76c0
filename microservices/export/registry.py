"""The registry of export targets: each module of `targets/` registers one.

Adding a target is one decorated function in a new module (and its tests).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import ExportContext

# What a file's `build` returns: for `.yaml` files the list of documents, for
# `.json` files one JSON value, for any other file its text.
Content = Any


@dataclass(frozen=True)
class OutputFile:
    """One file a target will write: planning is cheap, `build` does the work.

    Planning every file first gives the export its total, so progress can be
    reported as files done out of files planned.
    """

    path: str
    build: Callable[[], Content]


Plan = Callable[["ExportContext"], Iterable[OutputFile]]


@dataclass(frozen=True)
class Exporter:
    name: str
    title: str
    description: str
    options: tuple[str, ...]
    plan: Plan
    # What `kubectl apply` takes, relative to the target's folder ("" for all of it):
    # some targets also write files that are not cluster objects (configs, docs).
    applies: tuple[str, ...] = ()


_EXPORTERS: dict[str, Exporter] = {}


def exporter(
    name: str,
    *,
    title: str,
    description: str,
    options: Sequence[str] = (),
    applies: Sequence[str] = (),
) -> Callable[[Plan], Plan]:
    """Register the decorated `plan(ctx) -> Iterable[OutputFile]` as target `name`."""

    def register(plan: Plan) -> Plan:
        if name in _EXPORTERS:
            raise ValueError(f"export target {name!r} is registered twice")
        _EXPORTERS[name] = Exporter(name, title, description, tuple(options), plan, tuple(applies))
        return plan

    return register


def unregister(name: str) -> None:
    """Remove a target (for targets registered at run time, e.g. by tests)."""
    _EXPORTERS.pop(name, None)


def all_exporters() -> dict[str, Exporter]:
    """Every target, by name, in name order (target modules are imported on first use)."""
    from . import targets as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_EXPORTERS.items()))


class UnknownTarget(ValueError):
    def __init__(self, name: str, known: Iterable[str]):
        self.name = name
        super().__init__(f"unknown export target {name!r}; the targets are {', '.join(known)}")


def resolve_targets(names: Iterable[str] | None) -> list[Exporter]:
    """The exporters for `names` in name order; every target when `names` is empty."""
    exporters = all_exporters()
    chosen = set(names or ())
    for name in sorted(chosen):
        if name not in exporters:
            raise UnknownTarget(name, exporters)
    return [exp for name, exp in exporters.items() if not chosen or name in chosen]
