"""Which workspaces a user belongs to, and with which role."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "role"), [("as_owner", "owner"), ("as_editor", "editor"), ("as_viewer", "viewer")]
)
def test_each_member_sees_the_workspace_with_their_role(request, persona, role):
    response = request.getfixturevalue(persona).get("/api/workspaces/")

    assert response.status_code == 200
    [workspace] = response.json()
    assert (workspace["slug"], workspace["name"], workspace["role"]) == ("acme", "Acme", role)
    assert workspace["architectures"].endswith("/api/architectures/?workspace=acme")


def test_an_outsider_sees_only_their_own_workspace(as_outsider, workspace):
    assert [w["slug"] for w in as_outsider.get("/api/workspaces/").json()] == ["globex"]


def test_anonymous_requests_are_401(as_anonymous):
    assert as_anonymous.get("/api/workspaces/").status_code == 401
