"""Job kind ``import_spec``: a spec document becomes an architecture of a workspace.

Input: ``{"document": text, "format": "yaml" | "json", "architecture": slug or
None, "filename": str}``. With no target architecture the import creates one,
named and slugged as the document says. With a target it replaces that
architecture's contents, and the target keeps its slug whatever the document
says: the user chose which architecture to replace, and its address (pages, API,
bookmarks, CI pipelines) must not move because a file carried another slug.
Name, description and pattern do come from the document.

The upload page validates the document before it enqueues the job (nothing is
queued for a bad file); the job validates again, since the workspace may have
changed meanwhile. A restart after a lost worker is safe: the import and the
link from the job to its architecture commit together, and a restarted import
replaces that architecture.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import transaction

from apps.architectures.models import Architecture
from apps.architectures.services import import_spec
from apps.workspaces.access import Action, role_allows, role_in
from apps.workspaces.models import Workspace
from microservices.spec import Architecture as SpecArchitecture
from microservices.spec import DocumentLimits, SpecError, SpecValidationError
from microservices.spec.documents import Format, line_finder, parse_architecture

from ..services import link_architecture
from . import JobFailed, Progress, register

KIND = "import_spec"
ERRORS_IN_REASON = 3
_SLUG_KEY = re.compile(r'^\s*"?slug"?\s*:', re.MULTILINE)


def upload_limits() -> DocumentLimits:
    return DocumentLimits(max_bytes=settings.SPEC_UPLOAD_MAX_BYTES)


def import_input(
    *, document: str, fmt: Format, target: Architecture | None, filename: str = ""
) -> dict[str, Any]:
    return {
        "document": document,
        "format": fmt,
        "architecture": target.slug if target else None,
        "filename": filename,
    }


def spec_for_target(spec: SpecArchitecture, target: Architecture | None) -> SpecArchitecture:
    """The spec as it will be stored: a replaced architecture keeps its slug."""
    return spec if target is None else spec.model_copy(update={"slug": target.slug})


def conflicts(
    workspace: Workspace, spec: SpecArchitecture, target: Architecture | None, document: str
) -> list[SpecError]:
    """Why storing `spec` would clash with the workspace's other architectures."""
    others = Architecture.objects.filter(workspace=workspace)
    if target is not None:
        others = others.exclude(pk=target.pk)
    line_of = line_finder(document)
    errors = []
    if others.filter(slug=spec.slug).exists():
        # A document without a slug takes it from its name: point at what was written.
        loc = ("slug",) if _SLUG_KEY.search(document) else ("name",)
        errors.append(
            SpecError(
                loc,
                f"the workspace already has an architecture with the slug {spec.slug!r}; "
                "to replace it, start the import from that architecture",
                line_of(loc),
            )
        )
    if others.filter(name=spec.name).exists():
        errors.append(
            SpecError(
                ("name",),
                f"the workspace already has another architecture named {spec.name!r}",
                line_of(("name",)),
            )
        )
    return errors


def _reason(exc: SpecValidationError) -> str:
    shown = "; ".join(str(error) for error in exc.errors[:ERRORS_IN_REASON])
    more = len(exc.errors) - ERRORS_IN_REASON
    return f"the document is not valid: {shown}" + (f" (and {more} more)" if more > 0 else "")


def _check_still_allowed(job) -> None:
    if job.user is None:
        raise JobFailed("the user who started the import no longer exists")
    if not role_allows(role_in(job.user, job.workspace) or "", Action.EDIT):
        raise JobFailed(f"{job.user} may no longer edit the workspace {job.workspace.slug}")


@register(KIND)
def run_import(job, progress: Progress) -> dict[str, Any]:
    data = job.input
    target: Architecture | None = job.architecture
    if data.get("architecture") and target is None:
        raise JobFailed(f"the architecture {data['architecture']} was deleted before the import")
    _check_still_allowed(job)

    progress(10, "Reading the document")
    try:
        spec = parse_architecture(data["document"], data.get("format"), upload_limits())
    except SpecValidationError as exc:
        progress.log("\n".join(str(error) for error in exc.errors))
        raise JobFailed(_reason(exc)) from None
    spec = spec_for_target(spec, target)
    progress(40, f"Importing {len(spec.services)} services")
    try:
        with transaction.atomic():
            architecture, counts = import_spec(
                actor=job.user, workspace=job.workspace, spec=spec, architecture=target
            )
            link_architecture(job.pk, architecture)
    except SpecValidationError as exc:
        progress.log("\n".join(str(error) for error in exc.errors))
        raise JobFailed(_reason(exc)) from None

    outcome = "replaced" if data.get("architecture") else "created"
    placeholders = sum(1 for service in spec.services if service.placeholder)
    progress(
        95,
        f"{outcome.capitalize()} {architecture.name}: {counts.created} rows created, "
        f"{counts.updated} updated, {counts.deleted} deleted",
    )
    return {
        "outcome": outcome,
        "architecture": architecture.slug,
        "architecture_name": architecture.name,
        "services": len(spec.services) - placeholders,
        "placeholders": placeholders,
        "counts": counts.as_dict(),
    }
