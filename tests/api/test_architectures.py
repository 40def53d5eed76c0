"""Architectures: their own fields, which workspace, and slugs shared by workspaces."""

from __future__ import annotations

import pytest

from apps.architectures.services import import_spec
from apps.workspaces.models import Role
from apps.workspaces.services import create_workspace, set_membership

from .conftest import OTHER_SLUG, REFERENCE_SLUG

pytestmark = pytest.mark.django_db

LIST = "/api/architectures/"
DETAIL = f"/api/architectures/{REFERENCE_SLUG}/"


@pytest.fixture
def second_workspace(owner, editor, viewer):
    """Beta, where the editor also edits and the viewer also views."""
    beta = create_workspace(actor=owner, name="Beta", slug="beta")
    set_membership(workspace=beta, user=editor, role=Role.EDITOR)
    set_membership(workspace=beta, user=viewer, role=Role.VIEWER)
    return beta


def test_the_list_holds_the_architectures_of_the_users_workspaces_only(
    as_viewer, architecture, other_architecture
):
    response = as_viewer.get(LIST)

    assert response.status_code == 200
    assert [a["slug"] for a in response.json()["results"]] == [REFERENCE_SLUG]


def test_an_architecture_says_where_it_is_what_it_holds_and_where_to_go(as_viewer, architecture):
    answer = as_viewer.get(DETAIL).json()

    assert answer["workspace"] == "acme"
    assert answer["name"] == "E-Commerce Platform"
    assert answer["pattern"] == "event-driven"
    assert answer["service_count"] == 2  # the four placeholders are not counted
    assert answer["revision"] >= 1
    assert answer["links"]["spec"].endswith(f"{DETAIL}spec/?workspace=acme")
    for key in ("services", "gateways", "mesh", "circuit-breakers", "retry-policies", "sagas"):
        assert as_viewer.get(answer["links"][key]).status_code == 200


def test_the_list_can_be_narrowed_to_one_workspace(
    as_editor, architecture, owner, second_workspace, reference_spec
):
    import_spec(actor=owner, workspace=second_workspace, spec=reference_spec)

    everything = as_editor.get(LIST).json()["results"]
    in_beta = as_editor.get(LIST, {"workspace": "beta"}).json()["results"]

    assert sorted(a["workspace"] for a in everything) == ["acme", "beta"]
    assert [a["workspace"] for a in in_beta] == ["beta"]


def test_an_editor_of_one_workspace_creates_there_without_naming_it(as_editor, workspace):
    response = as_editor.post(LIST, {"name": "Payments Platform"}, format="json")

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert (answer["workspace"], answer["slug"], answer["pattern"]) == (
        "acme",
        "payments-platform",
        "hybrid",
    )
    assert response["Location"] == answer["links"]["self"]


def test_an_editor_of_several_workspaces_must_name_one(as_editor, second_workspace):
    refused = as_editor.post(LIST, {"name": "Payments"}, format="json")
    created = as_editor.post(LIST, {"name": "Payments", "workspace": "beta"}, format="json")

    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["workspace"]
    assert created.status_code == 201
    assert created.json()["workspace"] == "beta"


def test_creating_in_an_unknown_workspace_is_a_404_on_workspace(as_editor, other_workspace):
    for name in ("globex", "nowhere"):
        response = as_editor.post(LIST, {"name": "X", "workspace": name}, format="json")
        assert response.status_code == 404
        assert response.json()["errors"][0]["field"] == "workspace"


def test_a_viewer_cannot_create_architectures(as_viewer, workspace):
    assert as_viewer.post(LIST, {"name": "X"}, format="json").status_code == 403
    assert (
        as_viewer.post(LIST, {"name": "X", "workspace": "acme"}, format="json").status_code == 403
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "X", "slug": "Not A Slug"}, "slug"),
        ({"name": "X", "pattern": "layered"}, "pattern"),
        ({"name": "X", "owner": "me"}, "owner"),
        ({"name": "E-Commerce Platform", "slug": "shop"}, "name"),
        ({"name": "Other", "slug": REFERENCE_SLUG}, "slug"),
    ],
)
def test_invalid_architecture_fields_are_a_400_naming_the_field(
    as_editor, architecture, body, field
):
    response = as_editor.post(LIST, body, format="json")

    assert response.status_code == 400, response.json()
    assert field in [e["field"] for e in response.json()["errors"]]


def test_put_replaces_the_fields_and_may_change_the_slug(as_editor, architecture):
    body = {"name": "Shop", "slug": "shop", "pattern": "hybrid", "description": "Everything."}

    response = as_editor.put(DETAIL, body, format="json")

    assert response.status_code == 200
    assert {key: response.json()[key] for key in body} == body
    assert as_editor.get("/api/architectures/shop/services/").json()["count"] == 6


def test_what_was_read_can_be_put_back_unchanged(as_editor, architecture):
    answer = as_editor.get(DETAIL).json()

    response = as_editor.put(DETAIL, answer, format="json")

    assert response.status_code == 200
    assert response.json()["version"] == answer["version"]


def test_patch_changes_only_what_it_names(as_editor, architecture):
    response = as_editor.patch(DETAIL, {"description": "Shop."}, format="json")

    assert response.status_code == 200
    assert response.json()["description"] == "Shop."
    assert response.json()["name"] == "E-Commerce Platform"
    assert response.json()["version"] == 2


def test_an_architecture_cannot_move_to_another_workspace(
    as_editor, architecture, second_workspace
):
    response = as_editor.patch(DETAIL, {"workspace": "beta"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "workspace"


def test_delete_removes_the_architecture_and_everything_in_it(as_editor, architecture):
    assert as_editor.delete(DETAIL).status_code == 204
    assert as_editor.get(DETAIL).status_code == 404
    assert as_editor.get(f"{DETAIL}services/").status_code == 404


def test_viewers_read_but_cannot_change_or_delete(as_viewer, architecture):
    assert as_viewer.get(DETAIL).status_code == 200
    assert as_viewer.patch(DETAIL, {"description": "x"}, format="json").status_code == 403
    assert as_viewer.put(DETAIL, {"name": "x"}, format="json").status_code == 403
    assert as_viewer.delete(DETAIL).status_code == 403


def test_outsiders_get_404_whether_or_not_the_slug_exists(
    as_outsider, as_editor, architecture, other_architecture
):
    for slug in (REFERENCE_SLUG, "no-such-architecture"):
        url = f"/api/architectures/{slug}/"
        assert as_outsider.get(url).status_code == 404
        assert as_outsider.patch(url, {"description": "x"}, format="json").status_code == 404
        assert as_outsider.delete(url).status_code == 404
    assert as_editor.get(f"/api/architectures/{OTHER_SLUG}/").status_code == 404
    assert as_editor.get(f"/api/architectures/{OTHER_SLUG}/spec/").status_code == 404


# --- one slug in two of the user's workspaces --------------------------------------------


@pytest.fixture
def same_slug_in_beta(owner, second_workspace, reference_spec, architecture):
    spec = reference_spec.model_copy(update={"description": "Beta's copy."})
    return import_spec(actor=owner, workspace=second_workspace, spec=spec)[0]


@pytest.mark.parametrize("path", ["", "spec/", "services/", "services/order-service/", "mesh/"])
def test_a_slug_in_two_of_the_users_workspaces_needs_the_workspace_named(
    as_viewer, same_slug_in_beta, path
):
    ambiguous = as_viewer.get(f"{DETAIL}{path}")
    chosen = as_viewer.get(f"{DETAIL}{path}", {"workspace": "beta"})

    assert ambiguous.status_code == 400
    assert ambiguous.json()["code"] == "ambiguous"
    assert [e["field"] for e in ambiguous.json()["errors"]] == ["workspace"]
    assert "acme, beta" in ambiguous.json()["detail"]
    assert chosen.status_code == 200


def test_writes_to_a_shared_slug_go_to_the_workspace_named(as_editor, same_slug_in_beta):
    response = as_editor.patch(
        f"{DETAIL}?workspace=beta", {"description": "Changed."}, format="json"
    )

    assert response.status_code == 200
    assert as_editor.get(DETAIL, {"workspace": "acme"}).json()["description"] == ""
    assert as_editor.get(DETAIL, {"workspace": "beta"}).json()["description"] == "Changed."
