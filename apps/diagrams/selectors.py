"""Reading diagrams back: cached renders, review packs, jobs under way, the overlay.

A cache lookup costs three small queries whatever the architecture's size: the
newest validation run's id, the suppressions' ids (together they say which
findings overlay a diagram shows) and the render itself. The findings are only
read when a diagram has to be drawn.
"""

from __future__ import annotations

from apps.architectures.models import Architecture
from apps.jobs.models import Job
from apps.validation import selectors as validation
from apps.validation.models import Suppression, ValidationRun

from .models import Render, ReviewPack

RENDER_KIND = "render_diagram"
REVIEW_PACK_KIND = "review_pack"
UNFINISHED = ("queued", "running")


def overlay_version(architecture: Architecture) -> str:
    """Changes whenever the findings overlay would: a new run, or suppressions changed."""
    run = (
        ValidationRun.objects.filter(architecture=architecture)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    suppressed = sorted(
        Suppression.objects.filter(architecture=architecture).values_list("pk", flat=True)
    )
    return f"run={run};suppressed={','.join(map(str, suppressed))}"


def findings_overlay(architecture: Architecture) -> dict[str, str]:
    """{service: "error" | "warning"} from the latest validation, suppressions applied."""
    run = validation.latest_run(architecture)
    if run is None:
        return {}
    findings, _ = validation.current_findings(run, validation.suppressions_of(architecture))
    badges = validation.service_badges(findings)
    return {name: "error" if counts["error"] else "warning" for name, counts in badges.items()}


def cached_render(
    architecture: Architecture, revision: int, view: str, fmt: str, digest: str
) -> Render | None:
    return Render.objects.filter(
        architecture=architecture, revision=revision, view=view, fmt=fmt, digest=digest
    ).first()


def jobs_of(architecture: Architecture, kind: str):
    return Job.objects.filter(kind=kind, architecture=architecture).without_payload()


def render_job(architecture: Architecture, pk: int) -> Job | None:
    return (
        Job.objects.filter(kind=RENDER_KIND, architecture=architecture, pk=pk).defer("log").first()
    )


def pending_render(architecture: Architecture, revision: int, fmt: str, digest: str) -> Job | None:
    """An unfinished job drawing exactly this diagram, if one is queued or running."""
    return (
        Job.objects.filter(
            kind=RENDER_KIND,
            architecture=architecture,
            status__in=UNFINISHED,
            input__revision=revision,
            input__fmt=fmt,
            input__digest=digest,
        )
        .defer("log")
        .order_by("-pk")
        .first()
    )


def review_pack_job(architecture: Architecture, pk: int) -> Job | None:
    return jobs_of(architecture, REVIEW_PACK_KIND).filter(pk=pk).first()


def pending_review_pack(architecture: Architecture) -> Job | None:
    return (
        jobs_of(architecture, REVIEW_PACK_KIND)
        .filter(status__in=UNFINISHED)
        .order_by("-pk")
        .first()
    )


def review_pack_of(job: Job) -> ReviewPack | None:
    return ReviewPack.objects.filter(job=job).defer("pdf").first()


def latest_review_pack(architecture: Architecture) -> ReviewPack | None:
    return (
        ReviewPack.objects.filter(architecture=architecture)
        .select_related("job")
        .defer("pdf")
        .order_by("-created_at", "-id")
        .first()
    )
