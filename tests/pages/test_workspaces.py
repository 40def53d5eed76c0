"""The home page, workspaces, and creating, editing and deleting architectures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.models import Architecture, Service
from apps.workspaces.models import Membership, Role, Workspace

from .helpers import architecture_page, revision

pytestmark = pytest.mark.django_db


def test_home_lists_your_workspaces_with_your_role_and_their_architectures(
    architecture, other_architecture, viewer, client_for
):
    html = client_for(viewer).get(reverse("home")).content.decode()
    assert "Acme" in html and ">viewer<" in html
    assert "E-Commerce Platform" in html
    assert "Globex" not in html and "Secret Platform" not in html


def test_creating_a_workspace_makes_you_its_owner(owner, client_for):
    response = client_for(owner).post(reverse("workspace-new"), {"name": "Initech"})
    workspace = Workspace.objects.get(name="Initech")
    assert response["Location"] == reverse("workspace", args=[workspace.slug])
    assert Membership.objects.get(workspace=workspace, user=owner).role == Role.OWNER


def test_a_taken_workspace_slug_is_refused(workspace, owner, client_for):
    response = client_for(owner).post(reverse("workspace-new"), {"name": "Acme 2", "slug": "acme"})
    assert response.status_code == 400
    assert not Workspace.objects.filter(name="Acme 2").exists()


def test_the_workspace_page_lists_architectures_and_offers_import_to_editors(
    architecture, editor, viewer, client_for
):
    url = reverse("workspace", args=["acme"])
    html = client_for(editor).get(url).content.decode()
    assert "E-Commerce Platform" in html
    assert reverse("jobs:import", args=["acme"]) in html
    assert reverse("architectures:new", args=["acme"]) in html
    viewer_html = client_for(viewer).get(url).content.decode()
    assert reverse("jobs:import", args=["acme"]) not in viewer_html


def test_an_outsider_finds_no_workspace_page(workspace, outsider, client_for):
    assert client_for(outsider).get(reverse("workspace", args=["acme"])).status_code == 404


def test_an_editor_creates_an_architecture(workspace, editor, client_for):
    response = client_for(editor).post(
        reverse("architectures:new", args=["acme"]),
        {"name": "Payments Platform", "pattern": "request-driven", "description": "Money."},
    )
    created = Architecture.objects.get(workspace=workspace, slug="payments-platform")
    assert response["Location"] == architecture_page(created)
    assert created.pattern == "request-driven" and created.created_by == editor


def test_a_viewer_cannot_create_an_architecture(workspace, viewer, client_for):
    url = reverse("architectures:new", args=["acme"])
    assert client_for(viewer).get(url).status_code == 403
    assert client_for(viewer).post(url, {"name": "X", "pattern": "hybrid"}).status_code == 403
    assert not Architecture.objects.exists()


def test_editing_an_architecture_with_a_new_slug_moves_its_page(architecture, editor, client_for):
    url = reverse("architectures:edit", args=["acme", architecture.slug])
    form = client_for(editor).get(url).content.decode()
    assert 'value="E-Commerce Platform"' in form
    response = client_for(editor).post(
        url,
        {"name": "Shop", "slug": "shop", "pattern": "hybrid", "version": architecture.version},
    )
    architecture.refresh_from_db()
    assert (architecture.name, architecture.slug) == ("Shop", "shop")
    assert response["Location"] == architecture_page(architecture)


def test_an_edit_from_a_stale_form_is_refused_as_a_conflict(architecture, editor, client_for):
    url = reverse("architectures:edit", args=["acme", architecture.slug])
    stale = architecture.version
    client_for(editor).post(url, {"name": "First", "pattern": "hybrid", "version": stale})
    response = client_for(editor).post(
        url, {"name": "Second", "pattern": "hybrid", "version": stale}
    )
    assert response.status_code == 409
    assert "Someone else changed" in response.content.decode()
    architecture.refresh_from_db()
    assert architecture.name == "First"


def test_an_object_edit_from_a_stale_form_is_refused_as_a_conflict(
    architecture, editor, client_for
):
    service = Service.objects.get(architecture=architecture, name="order-service")
    url = reverse(
        "architectures:object-edit", args=["acme", architecture.slug, "services", "order-service"]
    )
    posted = {"name": "order-service", "version": service.version}
    assert client_for(editor).post(url, {**posted, "owner": "team-a"}).status_code == 302
    before = revision(architecture)
    response = client_for(editor).post(url, {**posted, "owner": "team-b"})
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.owner == "team-a"
    assert revision(architecture) == before


def test_deleting_an_architecture_leads_back_to_its_workspace(architecture, editor, client_for):
    url = reverse("architectures:delete", args=["acme", architecture.slug])
    assert "Download its spec first" in client_for(editor).get(url).content.decode()
    response = client_for(editor).post(url)
    assert response["Location"] == reverse("workspace", args=["acme"])
    assert not Architecture.objects.filter(pk=architecture.pk).exists()
    assert not Service.objects.filter(architecture_id=architecture.pk).exists()


def test_editing_a_service_from_its_page_returns_to_it_under_its_new_name(
    architecture, editor, client_for
):
    url = reverse(
        "architectures:object-edit", args=["acme", architecture.slug, "services", "order-service"]
    )
    response = client_for(editor).post(url, {"name": "orders", "back": "object"})
    assert response["Location"] == reverse(
        "architectures:service", args=["acme", architecture.slug, "orders"]
    )
