"""Fixtures of the job tests: uploading a spec through the import page, and
handlers that exist only for a test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.jobs.handlers import Handler, register, unregister
from apps.jobs.models import Job
from microservices.spec import dump_architecture


def import_url(workspace, architecture=None) -> str:
    url = reverse("jobs:import", args=[workspace.slug])
    return f"{url}?architecture={architecture.slug}" if architecture else url


def latest_job() -> Job:
    """The newest import job (every change also queues a validation job after it)."""
    return Job.objects.filter(kind="import_spec").order_by("-pk").first()


@pytest.fixture
def reference_yaml(reference_spec) -> str:
    return dump_architecture(reference_spec, "yaml")


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """upload(client, url, content, name=...) posts a spec file to the import page.

    The test's transaction never commits, so the callbacks the request registered
    with on_commit (sending the job) are run as a commit would run them.
    """

    def post(client: Client, url: str, content: str | bytes, name: str = "spec.yaml", **fields):
        data = content.encode() if isinstance(content, str) else content
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"file": SimpleUploadedFile(name, data), **fields})

    return post


@pytest.fixture
def job_handler() -> Iterator[Callable[[str, Handler], None]]:
    """job_handler(kind, handler) registers a handler for this test only."""
    kinds: list[str] = []

    def install(kind: str, handler: Handler) -> None:
        register(kind)(handler)
        kinds.append(kind)

    yield install
    for kind in kinds:
        unregister(kind)
