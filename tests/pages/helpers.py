"""Small helpers shared by the page tests."""

from __future__ import annotations

from django.urls import reverse

from apps.architectures.models import Architecture

PAGE_NAMES = {"services": "service", "gateways": "gateway", "sagas": "saga"}


def architecture_page(architecture: Architecture) -> str:
    return reverse("architectures:detail", args=[architecture.workspace.slug, architecture.slug])


def page_of(architecture: Architecture, parent: tuple[str, str] | None) -> str:
    """The page showing objects under `parent` (None: the architecture page)."""
    if parent is None:
        return architecture_page(architecture)
    name = PAGE_NAMES[parent[0]]
    return reverse(
        f"architectures:{name}", args=[architecture.workspace.slug, architecture.slug, parent[1]]
    )


def revision(architecture: Architecture) -> int:
    """The architecture's revision now: it grows with every write."""
    return Architecture.objects.values_list("revision", flat=True).get(pk=architecture.pk)
