"""Fixtures of the validation tests: running validations in-process, as a commit would."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.services import import_spec
from apps.jobs.models import Job
from apps.validation.models import ValidationRun
from apps.validation.services import KIND, request_validation
from microservices.spec import Architecture as SpecArchitecture


@pytest.fixture
def validated(architecture, owner, committed):
    """The reference architecture with one finished validation run."""
    committed(request_validation, architecture, owner)
    architecture.refresh_from_db()
    return architecture


def validation_jobs(architecture):
    return Job.objects.filter(kind=KIND, architecture=architecture)


def latest_run(architecture) -> ValidationRun:
    return ValidationRun.objects.filter(architecture=architecture).order_by("-pk").first()


def fingerprints(run: ValidationRun, *, suppressed: bool | None = None) -> set[str]:
    return {
        f["fingerprint"]
        for f in run.findings
        if suppressed is None or f.get("suppressed", False) == suppressed
    }


def page_url(name: str, architecture, *args) -> str:
    return reverse(
        f"validation:{name}", args=[architecture.workspace.slug, architecture.slug, *args]
    )


def api_url(name: str, architecture, **kwargs) -> str:
    return reverse(f"api-{name}", kwargs={"slug": architecture.slug, **kwargs})


def with_service(spec: SpecArchitecture, name: str) -> SpecArchitecture:
    """The spec with one more standalone service (related to no finding of the others)."""
    service = spec.services[0].model_copy(
        update={
            "name": name,
            "dependencies": [],
            "publishes": [],
            "subscribes": [],
            "placeholder": False,
        }
    )
    return spec.model_copy(update={"services": [*spec.services, service]})


def store(committed, actor, architecture, spec):
    """Replace the architecture's contents with `spec` (a change: a validation follows)."""
    return committed(
        import_spec,
        actor=actor,
        workspace=architecture.workspace,
        spec=spec,
        architecture=architecture,
    )
