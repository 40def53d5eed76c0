"""Getting diagrams and review packs: inline when quick, as jobs when not.

A diagram in the cache is answered at once; an uncached one is drawn in the
request when the architecture is small (DIAGRAM_INLINE_MAX_SERVICES), and by a
``render_diagram`` job otherwise. Requests coalesce: while a job draws a diagram,
asking for the same diagram answers that job. Review packs are always jobs
(``review_pack``); an architecture has one queued pack at most.

The jobs' handlers live in apps/jobs/handlers/ and call `run_render` and
`run_review_pack` here.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.architectures.models import Architecture, Service
from apps.jobs.models import Job, JobStatus
from microservices.diagrams import DiagramOptions

from . import selectors
from .drawing import ArchitectureDiagrams
from .models import Render, ReviewPack
from .options import DiagramRequest
from .review_pack import build_review_pack

# A queued job older than this is presumed lost: it no longer stands for new requests.
QUEUED_FOR_TOO_LONG = timedelta(minutes=15)


def _actor(user):
    return user if user is not None and user.is_authenticated else None


def is_large(architecture: Architecture) -> bool:
    count = Service.objects.filter(architecture=architecture).count()
    return count > settings.DIAGRAM_INLINE_MAX_SERVICES


def diagram_or_job(architecture: Architecture, request: DiagramRequest, actor) -> Render | Job:
    """The diagram, from the cache or drawn now; or the job drawing it, if that takes long."""
    diagrams = ArchitectureDiagrams(architecture)
    cached = diagrams.cached(request)
    if cached is not None:
        return cached
    if is_large(architecture):
        return request_render(architecture, request, actor, digest=diagrams.digest(request))
    return diagrams.draw(request)


def render_input(request: DiagramRequest, *, revision: int, digest: str) -> dict[str, Any]:
    options = asdict(request.options)
    options.pop("findings")  # added from the latest validation when the job draws
    return {
        "view": request.view,
        "fmt": request.fmt,
        "options": options,
        "overlay": request.overlay,
        "revision": revision,
        "digest": digest,
    }


def request_from_input(data: dict[str, Any]) -> DiagramRequest:
    options = dict(data["options"])
    options["expand"] = tuple(options.get("expand") or ())
    return DiagramRequest(
        view=data["view"],
        fmt=data["fmt"],
        options=DiagramOptions(**options),
        overlay=data["overlay"],
    )


def request_render(
    architecture: Architecture, request: DiagramRequest, actor, *, digest: str
) -> Job:
    """The job drawing this diagram: one already under way, or a new one."""
    from apps.jobs.services import enqueue_job

    revision = architecture.revision
    with transaction.atomic():
        # Serialises concurrent requests on PostgreSQL (a no-op on SQLite).
        list(Architecture.objects.select_for_update().filter(pk=architecture.pk).values("pk"))
        pending = selectors.pending_render(architecture, revision, request.fmt, digest)
        if pending is not None and not _lost(pending):
            return pending
        return enqueue_job(
            actor=_actor(actor),
            kind=selectors.RENDER_KIND,
            workspace=architecture.workspace,
            architecture=architecture,
            input=render_input(request, revision=revision, digest=digest),
        )


def _lost(job: Job) -> bool:
    return job.status == JobStatus.QUEUED and job.created_at < timezone.now() - QUEUED_FOR_TOO_LONG


def run_render(job, progress) -> dict[str, Any]:
    """The body of a ``render_diagram`` job: draw the diagram at the current revision."""
    request = request_from_input(job.input)
    architecture = (
        Architecture.objects.select_related("workspace", "updated_by")
        .filter(pk=job.architecture_id)
        .first()
    )
    if architecture is None:
        raise ValueError("the architecture was deleted before its diagram was drawn")
    progress(10, f"Drawing the {request.view} view as {request.fmt.upper()}")
    render = ArchitectureDiagrams(architecture).get(request)
    progress(95, " ".join(render.notes) or f"{render.node_count} nodes, {render.edge_count} edges")
    return {
        "render": render.pk,
        "revision": render.revision,
        "view": render.view,
        "fmt": render.fmt,
        "query": request.query(),
        "notes": render.notes,
        "node_count": render.node_count,
        "edge_count": render.edge_count,
        "seconds": round(render.seconds, 4),
    }


# --- review packs ----------------------------------------------------------------------


def request_review_pack(architecture: Architecture, actor) -> Job:
    """The job that will make the architecture's review pack (a queued one if any)."""
    from apps.jobs.services import enqueue_job

    with transaction.atomic():
        list(Architecture.objects.select_for_update().filter(pk=architecture.pk).values("pk"))
        queued = (
            selectors.jobs_of(architecture, selectors.REVIEW_PACK_KIND)
            .filter(status=JobStatus.QUEUED, created_at__gte=timezone.now() - QUEUED_FOR_TOO_LONG)
            .order_by("-pk")
            .first()
        )
        if queued is not None:
            return queued
        return enqueue_job(
            actor=_actor(actor),
            kind=selectors.REVIEW_PACK_KIND,
            workspace=architecture.workspace,
            architecture=architecture,
            input={"revision": architecture.revision},
        )


def prune_review_packs(architecture: Architecture) -> int:
    newest = ReviewPack.objects.filter(architecture=architecture).order_by("-created_at", "-id")
    old = list(newest.values_list("pk", flat=True)[settings.REVIEW_PACKS_KEPT :])
    return ReviewPack.objects.filter(pk__in=old).delete()[0] if old else 0


def run_review_pack(job, progress) -> dict[str, Any]:
    """The body of a ``review_pack`` job: one PDF of the current revision, stored."""
    architecture = (
        Architecture.objects.select_related("workspace", "updated_by")
        .filter(pk=job.architecture_id)
        .first()
    )
    if architecture is None:
        raise ValueError("the architecture was deleted before its review pack was made")
    author = job.user.get_username() if job.user else ""
    pdf, pages = build_review_pack(ArchitectureDiagrams(architecture), author, progress)
    # A restarted job replaces what its first run may have stored.
    pack, _ = ReviewPack.objects.update_or_create(
        job=job,
        defaults={
            "architecture": architecture,
            "revision": architecture.revision,
            "pdf": pdf,
            "pages": pages,
        },
    )
    prune_review_packs(architecture)
    progress(98, f"{pages} pages for revision {architecture.revision}")
    return {"review_pack": pack.pk, "revision": pack.revision, "pages": pages, "bytes": len(pdf)}
