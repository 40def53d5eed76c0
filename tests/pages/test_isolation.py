"""Nobody reaches another workspace's architectures through the pages, whatever the URL."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def pages_of(workspace_slug: str, architecture_slug: str) -> list[str]:
    base = [workspace_slug, architecture_slug]
    return [
        reverse("architectures:detail", args=base),
        reverse("architectures:edit", args=base),
        reverse("architectures:delete", args=base),
        reverse("architectures:download", args=[*base, "yaml"]),
        reverse("architectures:download", args=[*base, "json"]),
        reverse("architectures:service", args=[*base, "order-service"]),
        reverse("architectures:gateway", args=[*base, "api-gateway"]),
        reverse("architectures:saga", args=[*base, "order-creation"]),
        reverse("architectures:object-new", args=[*base, "services"]),
        reverse("architectures:object-edit", args=[*base, "services", "order-service"]),
        reverse("architectures:child-new", args=[*base, "services", "order-service", "endpoints"]),
    ]


def test_an_outsider_finds_no_page_of_another_workspace_s_architecture(
    architecture, outsider, client_for
):
    client = client_for(outsider)
    for url in pages_of("acme", architecture.slug):
        assert client.get(url).status_code == 404, url


def test_members_find_no_page_of_an_architecture_outside_their_workspaces(
    architecture, other_architecture, owner, editor, client_for
):
    for user in (owner, editor):
        client = client_for(user)
        for url in pages_of("globex", other_architecture.slug):
            assert client.get(url).status_code == 404, url


def test_an_architecture_is_only_found_under_its_own_workspace(
    architecture, other_architecture, outsider, owner, client_for
):
    # Each user names a workspace they belong to, with the other workspace's architecture.
    for url in pages_of("globex", architecture.slug):
        assert client_for(outsider).get(url).status_code == 404, url
    for url in pages_of("acme", other_architecture.slug):
        assert client_for(owner).get(url).status_code == 404, url


def test_moves_and_deletes_in_another_workspace_are_not_found(architecture, outsider, client_for):
    client = client_for(outsider)
    step = reverse(
        "architectures:child-move",
        args=["acme", architecture.slug, "sagas", "order-creation", "steps", "step1"],
    )
    assert client.post(step, {"direction": "down"}).status_code == 404
    delete = reverse("architectures:delete", args=["acme", architecture.slug])
    assert client.post(delete).status_code == 404


def test_a_control_character_in_a_url_is_not_a_page(architecture, owner, client_for):
    url = reverse("architectures:detail", args=["acme", architecture.slug]) + "services/a%00b/"
    assert client_for(owner).get(url).status_code == 404
