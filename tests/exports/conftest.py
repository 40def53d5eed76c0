"""Fixtures of the export tests: exports run in-process, as a commit would run them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse

from apps.exports.models import Export
from apps.exports.services import request_export
from microservices.export import OutputFile, all_exporters, exporter
from microservices.export.registry import unregister


def first_targets(count: int) -> list[str]:
    """The first `count` installed targets, by name."""
    names = list(all_exporters())
    if len(names) < count:
        pytest.skip(f"needs {count} export targets; {len(names)} are installed")
    return names[:count]


@pytest.fixture
def exported(architecture, editor, committed) -> Export:
    """A finished export of the reference architecture (two targets)."""
    export = committed(
        request_export, actor=editor, architecture=architecture, targets=first_targets(2)
    )
    export.refresh_from_db()
    return export


@pytest.fixture
def temporary_target() -> Iterator[Callable[..., str]]:
    """temporary_target(name, files) registers a target whose plan yields `files`
    ({path: build}) and returns its name; it is unregistered after the test."""
    added: list[str] = []

    def add(name: str, files: dict[str, Callable[[], object]]) -> str:
        def plan(ctx):
            return [OutputFile(path, build) for path, build in files.items()]

        all_exporters()  # the real targets first, as a request would find them
        exporter(name, title=name.title(), description=f"The {name} test target.")(plan)
        added.append(name)
        return name

    yield add
    for name in added:
        unregister(name)


def api_url(name: str, architecture, **kwargs) -> str:
    return reverse(f"api-{name}", kwargs={"slug": architecture.slug, **kwargs})


def page_url(name: str, architecture, *args) -> str:
    return reverse(f"exports:{name}", args=[architecture.workspace.slug, architecture.slug, *args])
