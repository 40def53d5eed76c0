"""The diff between two revisions drawn as one dependency map, served as SVG.

Drawn on every request (no render cache): a diff drawing is asked for rarely, and
always for a pair of revisions nobody may have compared before. It leaves the
server as the diagrams app serves every SVG (apps/diagrams/responses.py).
"""

from __future__ import annotations

from django.http import HttpResponse

from apps.architectures.models import Architecture
from apps.diagrams.drawing import ObjectLinker
from apps.diagrams.responses import file_response
from microservices.diagrams import FORMAT_MEDIA_TYPES, TitleBlock, render_diagram
from microservices.diagrams.diff import build_diff_diagram

from . import selectors


def diff_svg(architecture: Architecture, old: int, new: int) -> bytes:
    """Revision `old` and revision `new` as one map coloured by what changed;
    Http404 when either is not a revision of the architecture."""
    diagram = build_diff_diagram(
        selectors.spec_at(architecture, old),
        selectors.spec_at(architecture, new),
        link=ObjectLinker(architecture.workspace.slug, architecture.slug),
        title=TitleBlock(
            architecture=f"{architecture.name}: revision {old} to revision {new}",
            revision=None,
            date="",
            author="",
        ),
    )
    return render_diagram(diagram, "svg")


def diff_svg_response(
    architecture: Architecture, old: int, new: int, *, download: bool
) -> HttpResponse:
    return file_response(
        diff_svg(architecture, old, new),
        FORMAT_MEDIA_TYPES["svg"],
        f"{architecture.slug}-diff-r{old}-r{new}.svg",
        download=download,
    )
