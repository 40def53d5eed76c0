"""The members API: the page's rules over REST, in the API's one error format."""

from __future__ import annotations

import pytest
import yaml

from apps.workspaces.models import AuditEvent, Membership, Role
from apps.workspaces.services import set_membership
from tests.fixtures import make_user

pytestmark = pytest.mark.django_db

MEMBERS = "/api/workspaces/acme/members/"


def member(username: str) -> str:
    return f"{MEMBERS}{username}/"


def role_of(workspace, username: str) -> str | None:
    return (
        Membership.objects.filter(workspace=workspace, user__username=username)
        .values_list("role", flat=True)
        .first()
    )


def assert_error(response, status: int, code: str, fields: list[str] | None = None) -> None:
    body = response.json()
    assert response.status_code == status
    assert (body["status"], body["code"]) == (status, code)
    assert body["detail"]
    if fields is not None:
        assert [error["field"] for error in body["errors"]] == fields


@pytest.mark.parametrize("persona", ["as_owner", "as_editor", "as_viewer"])
def test_every_member_lists_the_members_with_their_roles(request, persona):
    response = request.getfixturevalue(persona).get(MEMBERS)

    assert response.status_code == 200
    listed = {m["username"]: m["role"] for m in response.json()["results"]}
    assert listed == {"olivia": "owner", "eddie": "editor", "vera": "viewer"}


@pytest.mark.parametrize("identifier", ["oscar", "oscar@example.com"])
def test_an_owner_invites_by_username_or_email(as_owner, workspace, outsider, identifier):
    response = as_owner.post(MEMBERS, {"user": identifier, "role": "editor"}, format="json")

    assert response.status_code == 201
    assert (response.json()["username"], response.json()["role"]) == ("oscar", "editor")
    assert role_of(workspace, "oscar") == Role.EDITOR


def test_an_invite_without_a_role_makes_a_viewer(as_owner, workspace, outsider):
    as_owner.post(MEMBERS, {"user": "oscar"}, format="json")

    assert role_of(workspace, "oscar") == Role.VIEWER


def test_inviting_an_unknown_user_is_a_400_on_the_user_field(as_owner):
    response = as_owner.post(MEMBERS, {"user": "ghost", "role": "viewer"}, format="json")

    assert_error(response, 400, "unknown_user", ["user"])


def test_inviting_a_member_again_is_a_409(as_owner, workspace):
    response = as_owner.post(MEMBERS, {"user": "vera", "role": "owner"}, format="json")

    assert_error(response, 409, "already_member", ["user"])
    assert role_of(workspace, "vera") == Role.VIEWER


def test_an_unknown_role_is_a_400_on_the_role_field(as_owner):
    response = as_owner.patch(member("vera"), {"role": "admin"}, format="json")

    assert_error(response, 400, "invalid", ["role"])


def test_an_owner_changes_a_role(as_owner, workspace):
    response = as_owner.patch(member("vera"), {"role": "editor"}, format="json")

    assert response.status_code == 200 and response.json()["role"] == "editor"
    assert role_of(workspace, "vera") == Role.EDITOR


def test_the_last_owner_can_neither_be_demoted_nor_removed(as_owner, workspace):
    demoted = as_owner.patch(member("olivia"), {"role": "editor"}, format="json")
    removed = as_owner.delete(member("olivia"))

    assert_error(demoted, 409, "last_owner", [])
    assert_error(removed, 409, "last_owner", [])
    assert role_of(workspace, "olivia") == Role.OWNER


def test_an_owner_removes_a_member(as_owner, workspace):
    assert as_owner.delete(member("eddie")).status_code == 204
    assert role_of(workspace, "eddie") is None


@pytest.mark.parametrize(("persona", "username"), [("as_editor", "eddie"), ("as_viewer", "vera")])
def test_a_member_leaves_by_deleting_themselves(request, workspace, persona, username):
    assert request.getfixturevalue(persona).delete(member(username)).status_code == 204
    assert role_of(workspace, username) is None


@pytest.mark.parametrize("persona", ["as_editor", "as_viewer"])
def test_editors_and_viewers_cannot_manage_members(request, workspace, persona, outsider):
    client = request.getfixturevalue(persona)
    before = AuditEvent.objects.filter(workspace=workspace).count()

    assert_error(client.post(MEMBERS, {"user": "oscar"}, format="json"), 403, "permission_denied")
    assert_error(
        client.patch(member("olivia"), {"role": "viewer"}, format="json"), 403, "permission_denied"
    )
    assert_error(client.delete(member("olivia")), 403, "permission_denied")
    assert_error(client.get("/api/workspaces/acme/audit/"), 403, "permission_denied")

    assert role_of(workspace, "olivia") == Role.OWNER
    assert role_of(workspace, "oscar") is None
    assert AuditEvent.objects.filter(workspace=workspace).count() == before


def test_an_outsider_gets_404_from_every_endpoint(as_outsider, workspace):
    assert_error(as_outsider.get(MEMBERS), 404, "not_found")
    assert_error(
        as_outsider.post(MEMBERS, {"user": "oscar", "role": "owner"}, format="json"),
        404,
        "not_found",
    )
    assert_error(as_outsider.get(member("olivia")), 404, "not_found")
    assert_error(
        as_outsider.patch(member("olivia"), {"role": "viewer"}, format="json"), 404, "not_found"
    )
    assert_error(as_outsider.delete(member("olivia")), 404, "not_found")
    assert_error(as_outsider.delete(member("oscar")), 404, "not_found")
    assert_error(as_outsider.get("/api/workspaces/acme/audit/"), 404, "not_found")
    assert role_of(workspace, "oscar") is None


def test_an_unknown_member_is_a_404(as_owner):
    assert_error(as_owner.get(member("nobody")), 404, "not_found")
    assert_error(as_owner.delete(member("nobody")), 404, "not_found")


def test_anonymous_requests_are_401(as_anonymous, workspace):
    assert as_anonymous.get(MEMBERS).status_code == 401
    assert as_anonymous.get("/api/workspaces/acme/audit/").status_code == 401


def test_the_member_list_takes_a_fixed_number_of_queries(
    as_owner, workspace, django_assert_max_num_queries
):
    for n in range(60):
        set_membership(workspace=workspace, user=make_user(f"member-{n:02}"), role=Role.VIEWER)

    with django_assert_max_num_queries(6):
        response = as_owner.get(MEMBERS, {"page_size": 100})

    assert response.json()["count"] == 63


def test_the_schema_documents_the_member_and_audit_endpoints(as_anonymous):
    schema = yaml.safe_load(as_anonymous.get("/api/schema/").content)
    paths = schema["paths"]

    assert set(paths["/api/workspaces/{slug}/members/"]) >= {"get", "post"}
    assert set(paths["/api/workspaces/{slug}/members/{username}/"]) >= {"patch", "delete"}
    assert "get" in paths["/api/workspaces/{slug}/audit/"]
    conflict = paths["/api/workspaces/{slug}/members/{username}/"]["patch"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
