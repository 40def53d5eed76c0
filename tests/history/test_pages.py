"""History pages: the list, a revision, an object's history, a diff, and restoring."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.concepts import SERVICES
from apps.architectures.models import Architecture, Service
from apps.architectures.selectors import architecture_spec
from apps.architectures.services import save_object
from apps.history.models import Revision
from microservices.spec import architecture_to_data
from microservices.spec.model import ServiceFields

pytestmark = pytest.mark.django_db


def url(architecture, name: str, *args) -> str:
    return reverse(f"history:{name}", args=[architecture.workspace.slug, architecture.slug, *args])


def latest(architecture) -> Revision:
    return Revision.objects.filter(architecture=architecture).order_by("-number").first()


def rename_owner(architecture, actor, owner: str) -> None:
    service = Service.objects.get(architecture=architecture, name="inventory-service")
    fields = ServiceFields(name=service.name, domain=service.domain, owner=owner)
    save_object(actor=actor, architecture=architecture, concept=SERVICES, data=fields,
                instance=service)  # fmt: skip


def test_a_form_edit_is_recorded_and_shown_on_the_history_pages(architecture, editor, client_for):
    client = client_for(editor)
    edit = reverse("architectures:edit", args=[architecture.workspace.slug, architecture.slug])
    posted = {"name": architecture.name, "slug": architecture.slug, "pattern": "hybrid",
              "description": "The shop, reorganised."}  # fmt: skip
    response = client.post(edit, posted, HTTP_X_CHANGE_MESSAGE="Moving to hybrid")
    assert response.status_code == 302, response.content.decode()[:2000]

    revision = latest(architecture)
    assert revision.user == editor and revision.message == "Moving to hybrid"
    listing = client.get(url(architecture, "list")).content.decode()
    assert "Moving to hybrid" in listing
    page = client.get(url(architecture, "revision", revision.number)).content.decode()
    assert "The shop, reorganised." in page and "event-driven" in page
    own = client.get(url(architecture, "object-single", "architecture")).content.decode()
    assert "The shop, reorganised." in own


def test_an_object_page_lists_only_that_object_s_changes(architecture, editor, client_for):
    rename_owner(architecture, editor, "stock-team")

    page = client_for(editor).get(url(architecture, "object", "services", "inventory-service"))
    other = client_for(editor).get(url(architecture, "object", "services", "order-service"))

    assert "stock-team" in page.content.decode()
    assert "stock-team" not in other.content.decode()


def test_the_diff_page_compares_two_revisions(architecture, editor, client_for):
    start = Architecture.objects.get(pk=architecture.pk).revision
    rename_owner(architecture, editor, "stock-team")

    page = client_for(editor).get(url(architecture, "diff") + f"?from={start}&to={start + 1}")

    assert "stock-team" in page.content.decode()
    assert "owner" in page.content.decode()


def test_an_editor_restores_a_revision_from_the_page(architecture, editor, client_for):
    start = Architecture.objects.get(pk=architecture.pk).revision
    expected = architecture_to_data(architecture_spec(architecture))
    rename_owner(architecture, editor, "stock-team")

    response = client_for(editor).post(url(architecture, "restore", start), {"message": "Oops"})

    assert response.status_code == 302
    assert architecture_to_data(architecture_spec(architecture)) == expected
    assert (latest(architecture).restored_from, latest(architecture).message) == (start, "Oops")


def test_a_viewer_sees_history_but_cannot_restore(architecture, viewer, client_for):
    client = client_for(viewer)
    number = latest(architecture).number

    assert client.get(url(architecture, "list")).status_code == 200
    assert "Restore" not in client.get(url(architecture, "list")).content.decode()
    assert client.post(url(architecture, "restore", 1)).status_code == 403
    assert latest(architecture).number == number


@pytest.mark.parametrize("name, args, method", [
    ("list", (), "get"), ("revision", (2,), "get"), ("diff", (), "get"),
    ("object", ("services", "order-service"), "get"), ("object-single", ("mesh",), "get"),
    ("restore", (1,), "post"),
])  # fmt: skip
def test_another_workspace_gets_404_on_every_page(
    architecture, outsider, other_workspace, client_for, name, args, method
):
    response = getattr(client_for(outsider), method)(url(architecture, name, *args))

    assert response.status_code == 404


def test_the_architecture_page_links_to_its_history(architecture, viewer, client_for):
    detail = reverse("architectures:detail", args=[architecture.workspace.slug, architecture.slug])

    assert url(architecture, "list") in client_for(viewer).get(detail).content.decode()


def test_the_history_list_takes_a_fixed_number_of_queries(
    architecture, editor, client_for, api_client_for, django_assert_max_num_queries
):
    for index in range(60):
        rename_owner(architecture, editor, f"team-{index}")
    client, api = client_for(editor), api_client_for(editor)

    with django_assert_max_num_queries(12):
        assert client.get(url(architecture, "list")).status_code == 200
    with django_assert_max_num_queries(12):
        answer = api.get(f"/api/architectures/{architecture.slug}/history/?page_size=100")
    assert len(answer.json()["results"]) == 61


def test_the_why_of_an_object_form_is_kept_with_its_revision(architecture, editor, client_for):
    service = Service.objects.get(architecture=architecture, name="inventory-service")
    edit = reverse(
        "architectures:object-edit",
        args=[architecture.workspace.slug, architecture.slug, "services", service.name],
    )
    client = client_for(editor)
    form = client.get(edit)
    assert 'name="change_message"' in form.content.decode()
    posted = {"name": service.name, "domain": "stock", "version": service.version,
              "change_message": "  Inventory\nbecomes stock  "}  # fmt: skip
    response = client.post(edit, posted)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert latest(architecture).message == "Inventory becomes stock"
