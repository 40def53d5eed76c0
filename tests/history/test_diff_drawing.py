"""The diff between two revisions drawn as SVG: on the diff page and from the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.models import Architecture

pytestmark = pytest.mark.django_db

BASE = "/api/architectures/e-commerce-platform/"


def current_revision(architecture) -> int:
    return Architecture.objects.values_list("revision", flat=True).get(pk=architecture.pk)


@pytest.fixture
def compared(api_client_for, editor, architecture) -> str:
    """`?from=&to=` around an edit that adds a service and a call to it."""
    client = api_client_for(editor)
    start = current_revision(architecture)
    client.post(f"{BASE}services/", {"name": "fraud-service", "domain": "risk"}, format="json")
    added = client.post(
        f"{BASE}services/order-service/dependencies/",
        {"service": "fraud-service", "mode": "async"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    return f"?from={start}&to={current_revision(architecture)}"


def drawing_url(architecture) -> str:
    return reverse("history:diff-svg", args=[architecture.workspace.slug, architecture.slug])


def assert_safe_svg(response, disposition: str) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith(disposition)
    assert response["Content-Disposition"].endswith('.svg"')
    return response.content.decode()


def test_a_viewer_gets_the_diff_drawn_from_the_api(api_client_for, viewer, compared):
    response = api_client_for(viewer).get(f"{BASE}diff.svg{compared}")

    svg = assert_safe_svg(response, "inline")
    assert 'id="node-service-fraud-service" class="node added"' in svg
    assert "<script" not in svg


def test_the_api_serves_the_drawing_as_an_attachment_when_asked(api_client_for, viewer, compared):
    response = api_client_for(viewer).get(f"{BASE}diff.svg{compared}&download=1")

    assert_safe_svg(response, "attachment")


def test_a_revision_the_architecture_never_had_is_404(api_client_for, viewer, architecture):
    response = api_client_for(viewer).get(f"{BASE}diff.svg?from=1&to=999")

    assert response.status_code == 404


def test_another_workspace_cannot_get_the_drawing(
    api_client_for, client_for, outsider, other_workspace, architecture
):
    assert api_client_for(outsider).get(f"{BASE}diff.svg").status_code == 404
    assert client_for(outsider).get(drawing_url(architecture)).status_code == 404


def test_the_diff_page_shows_the_drawing_a_viewer_can_open(
    client_for, viewer, architecture, compared
):
    client = client_for(viewer)
    page = client.get(reverse("history:diff", args=[architecture.workspace.slug,
                                                   architecture.slug]) + compared)  # fmt: skip

    source = drawing_url(architecture) + compared.replace("&", "&amp;")
    assert f'<img src="{source}"' in page.content.decode()
    svg = assert_safe_svg(client.get(drawing_url(architecture) + compared), "inline")
    assert "fraud-service" in svg
