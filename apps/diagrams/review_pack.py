"""What goes into a review pack: the summary, each view drawn as PDF, the findings.

The pages themselves are laid out by apps/diagrams/pack_pdf.py; this module
gathers their contents from the database and the render cache (each view's PDF
is a cached render, so a second pack of an unchanged architecture lays nothing out).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from apps.validation import selectors as validation
from microservices.diagrams import VIEWS, DiagramOptions

from .drawing import ArchitectureDiagrams
from .options import DiagramRequest
from .pack_pdf import PackContents, PackDiagram, pack_pdf

# The views a reviewer reads, in the order of the pack; focus needs a service, so is absent.
PACK_VIEWS = ("dependencies", "context", "events", "sagas", "gateway")


def summary_rows(spec) -> list[tuple[str, int]]:
    defined = [service for service in spec.services if not service.placeholder]
    dependencies = [dep for service in defined for dep in service.dependencies]
    sync = sum(1 for dep in dependencies if dep.mode == "sync")
    return [
        ("Services", len(defined)),
        ("Placeholders (referenced, not defined)", len(spec.services) - len(defined)),
        ("Domains", len({service.domain for service in defined if service.domain})),
        ("Dependencies", len(dependencies)),
        ("  synchronous", sync),
        ("  asynchronous", len(dependencies) - sync),
        ("Events published", sum(len(service.publishes) for service in defined)),
        ("Sagas", len(spec.sagas)),
        ("SLOs", sum(len(service.slos) for service in defined)),
        ("API gateways", len(spec.gateways)),
    ]


def _findings(diagrams: ArchitectureDiagrams) -> tuple[list[dict], int, str]:
    """The active findings (worst first, capped), how many were left out, and their origin."""
    architecture = diagrams.architecture
    run = validation.latest_run(architecture)
    if run is None:
        return [], 0, "The architecture has not been validated."
    findings, _ = validation.current_findings(run, validation.suppressions_of(architecture))
    order = {severity: rank for rank, severity in enumerate(validation.SEVERITIES)}
    active = sorted(
        (finding for finding in findings if not finding.get("suppressed")),
        key=lambda finding: order.get(finding["severity"], len(order)),
    )
    limit = settings.REVIEW_PACK_MAX_FINDINGS
    origin = f"Validation of revision {run.revision}, {run.created_at:%Y-%m-%d %H:%M} UTC."
    if run.is_stale_for(architecture):
        origin += f" The architecture has changed since (revision {architecture.revision})."
    return active[:limit], max(0, len(active) - limit), origin


def build_review_pack(diagrams: ArchitectureDiagrams, author: str, progress) -> tuple[bytes, int]:
    """The review pack of the architecture as it is now: (PDF, page count)."""
    architecture = diagrams.architecture
    progress(5, "Reading the architecture")
    rows = summary_rows(diagrams.spec)
    drawn = []
    for index, view in enumerate(PACK_VIEWS):
        progress(10 + 70 * index // len(PACK_VIEWS), f"Drawing the {VIEWS[view].title}")
        # No links: a relative page address means nothing inside a PDF.
        request = DiagramRequest(view=view, fmt="pdf", options=DiagramOptions(links=False))
        render = diagrams.get(request)
        drawn.append(
            PackDiagram(
                title=VIEWS[view].title,
                description=VIEWS[view].description,
                notes=tuple(render.notes),
                pdf=bytes(render.content),
            )
        )
    progress(85, "Listing the findings")
    findings, more, origin = _findings(diagrams)
    contents = PackContents(
        architecture=architecture.name,
        revision=architecture.revision,
        date=timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
        author=author,
        summary=rows,
        diagrams=tuple(drawn),
        findings=tuple(findings),
        more_findings=more,
        findings_origin=origin,
    )
    progress(90, "Laying out the pages")
    return pack_pdf(contents)
