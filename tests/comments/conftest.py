"""Fixtures of the comment tests: threads built through the comment services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.comments import services
from apps.comments.targets import ARCHITECTURE, Target

ORDER_SERVICE = Target("services", "order-service")


def start(actor, architecture, body="Why sync?", target=ORDER_SERVICE):
    return services.start_thread(actor=actor, architecture=architecture, target=target, body=body)


def page_url(name: str, architecture, *args) -> str:
    return reverse(f"comments:{name}", args=[architecture.workspace.slug, architecture.slug, *args])


def api_url(name: str, architecture, **kwargs) -> str:
    return reverse(f"api-comment-{name}", kwargs={"slug": architecture.slug, **kwargs})


@pytest.fixture
def viewer_thread(architecture, viewer):
    """A thread a reviewer (viewer role) started on order-service."""
    return start(viewer, architecture, "Should order-service call payment-service sync?")


@pytest.fixture
def editor_thread(architecture, editor):
    return start(editor, architecture, "The architecture needs a README.", ARCHITECTURE)
