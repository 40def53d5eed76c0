"""Diagram jobs crossing Redis to a real worker process, against PostgreSQL."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from apps.architectures.services import import_spec
from apps.diagrams.models import Render, ReviewPack
from apps.diagrams.options import parse_request
from apps.diagrams.services import diagram_or_job, request_review_pack
from apps.jobs.models import Job, JobStatus
from microservices.synth import synthesize
from tests.services import wait_for_job

pytestmark = pytest.mark.integration


def test_a_large_diagram_is_drawn_on_the_worker_then_served_from_the_cache(
    tasks_on_worker, owner, workspace, settings
):
    settings.DIAGRAM_INLINE_MAX_SERVICES = 50
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(120))
    architecture.refresh_from_db()
    request = parse_request(architecture, "dependencies", "svg", {})

    job = diagram_or_job(architecture, request, owner)

    assert isinstance(job, Job)
    job = wait_for_job(job)
    assert job.status == JobStatus.SUCCEEDED, job.error
    render = Render.objects.get(pk=job.result["render"])
    assert render.revision == architecture.revision and bytes(render.content).startswith(b"<")
    assert diagram_or_job(architecture, request, owner) == render


def test_a_review_pack_is_made_on_the_worker(tasks_on_worker, owner, workspace, reference_spec):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=reference_spec)

    job = wait_for_job(request_review_pack(architecture, owner))

    assert job.status == JobStatus.SUCCEEDED, job.error
    pack = ReviewPack.objects.get(job=job)
    assert len(PdfReader(BytesIO(bytes(pack.pdf))).pages) == pack.pages == job.result["pages"]
