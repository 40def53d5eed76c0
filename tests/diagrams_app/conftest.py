"""Fixtures of the diagrams tests: URLs, validated architectures, jobs run as a commit would."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from apps.validation.services import request_validation


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(fn, *args, **kwargs): call fn, then run what it left for the commit.

    The test's transaction never commits; this runs the on_commit callbacks (sending
    jobs, which the test settings run in-process) the way a commit would.
    """

    def call(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


@pytest.fixture
def validated(architecture, owner, committed):
    """The reference architecture with one finished validation run."""
    committed(request_validation, architecture, owner)
    architecture.refresh_from_db()
    return architecture


def diagram_url(architecture, view: str, fmt: str, **query) -> str:
    url = reverse("api-diagram", kwargs={"slug": architecture.slug, "view": view, "fmt": fmt})
    return f"{url}?{urlencode(query)}" if query else url


def api_url(name: str, architecture, **kwargs) -> str:
    return reverse(name, kwargs={"slug": architecture.slug, **kwargs})


def page_url(name: str, architecture, *args, **query) -> str:
    url = reverse(f"diagrams:{name}", args=[architecture.workspace.slug, architecture.slug, *args])
    return f"{url}?{urlencode(query)}" if query else url
