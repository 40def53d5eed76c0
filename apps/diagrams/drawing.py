"""Diagrams of one stored architecture: from the render cache when possible, drawn otherwise.

A cache entry is found by (architecture, revision, view, format, digest); the
digest covers everything else the output depends on: the options, which findings
overlay it shows, and where its nodes link to. Drawing reads the architecture as
one spec (a fixed number of queries), asks the engine, and stores the output,
unless the architecture changed while it was drawn: that output would be filed
under a revision it does not show.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import replace
from functools import cached_property
from urllib.parse import quote

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from microservices.diagrams import (
    FORMAT_MEDIA_TYPES,
    TitleBlock,
    build_diagram,
    render_diagram,
)

from . import selectors
from .models import Render
from .options import DiagramRequest

NAME_MARKER = "__name__"


class ObjectLinker:
    """(kind, name) -> the URL of that object's page, which a diagram's node links to."""

    def __init__(self, workspace: str, architecture: str):
        self._pages = {
            kind: reverse(f"architectures:{kind}", args=[workspace, architecture, NAME_MARKER])
            for kind in ("service", "gateway", "saga")
        }
        # A domain has no page of its own: its services' dependency map stands for it.
        self._domain = reverse("diagrams:view", args=[workspace, architecture, "dependencies"])

    @property
    def version(self) -> str:
        """Changes when the URLs do (a workspace or architecture slug changed)."""
        return self._pages["service"]

    def __call__(self, kind: str, name: str) -> str | None:
        if kind == "domain":
            return f"{self._domain}?domain={quote(name, safe='')}"
        page = self._pages.get(kind)
        return page.replace(NAME_MARKER, quote(name, safe="")) if page else None


def title_block(architecture: Architecture) -> TitleBlock:
    """Who changed the architecture last, and when: fixed for a revision, so cacheable."""
    editor = architecture.updated_by
    return TitleBlock(
        architecture=architecture.name,
        revision=architecture.revision,
        date=architecture.updated_at.date().isoformat(),
        author=editor.get_username() if editor else "",
    )


def prune_renders(architecture: Architecture) -> int:
    """Keep the newest DIAGRAM_RENDERS_KEPT renders of the architecture; returns how many went."""
    newest = Render.objects.filter(architecture=architecture).order_by("-created_at", "-id")
    old = list(newest.values_list("pk", flat=True)[settings.DIAGRAM_RENDERS_KEPT :])
    return Render.objects.filter(pk__in=old).delete()[0] if old else 0


class ArchitectureDiagrams:
    """The diagrams of `architecture` (as loaded: its revision is the one looked up)."""

    def __init__(self, architecture: Architecture):
        self.architecture = architecture
        self.linker = ObjectLinker(architecture.workspace.slug, architecture.slug)

    @cached_property
    def overlay_version(self) -> str:
        return selectors.overlay_version(self.architecture)

    @cached_property
    def spec(self):
        return architecture_spec(self.architecture)

    @cached_property
    def findings(self) -> dict[str, str]:
        return selectors.findings_overlay(self.architecture)

    def digest(self, request: DiagramRequest) -> str:
        key = {
            "options": request.options.key(),
            "overlay": self.overlay_version if request.overlay else "",
            "links": self.linker.version if request.options.links else "",
        }
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()

    def cached(self, request: DiagramRequest) -> Render | None:
        return selectors.cached_render(
            self.architecture,
            self.architecture.revision,
            request.view,
            request.fmt,
            self.digest(request),
        )

    def get(self, request: DiagramRequest) -> Render:
        return self.cached(request) or self.draw(request)

    def draw(self, request: DiagramRequest) -> Render:
        """Draw the diagram now, and store it unless the architecture moved meanwhile."""
        started = time.perf_counter()
        digest = self.digest(request)
        spec = self.spec
        options = request.options
        if request.overlay:
            options = replace(options, findings=self.findings)
        link = self.linker if options.links else None
        title = title_block(self.architecture)
        diagram = build_diagram(spec, request.view, options, link=link, title=title)
        content = render_diagram(diagram, request.fmt)
        drawn = Render(
            architecture=self.architecture,
            revision=self.architecture.revision,
            view=request.view,
            fmt=request.fmt,
            digest=digest,
            options=request.query(),
            content=content,
            media_type=FORMAT_MEDIA_TYPES[request.fmt],
            notes=list(diagram.notes),
            collapsed=diagram.collapsed,
            node_count=diagram.node_count,
            edge_count=diagram.edge_count,
            seconds=time.perf_counter() - started,
        )
        return self._store(drawn)

    def _store(self, drawn: Render) -> Render:
        current = Architecture.objects.filter(pk=self.architecture.pk).values_list(
            "revision", flat=True
        )
        if current.first() != drawn.revision:
            return drawn
        try:
            with transaction.atomic():
                drawn.save()
        except IntegrityError:
            # Another process drew the same diagram first: theirs is as good.
            return (
                selectors.cached_render(
                    self.architecture, drawn.revision, drawn.view, drawn.fmt, drawn.digest
                )
                or drawn
            )
        prune_renders(self.architecture)
        return drawn
