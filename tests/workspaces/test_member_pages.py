"""The members page: everyone reads it, owners invite, change roles and remove, anyone leaves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.workspaces.models import AuditEvent, Membership, Role
from apps.workspaces.services import set_membership
from tests.fixtures import make_user

pytestmark = pytest.mark.django_db

MEMBERS = reverse("workspace-members", args=["acme"])
INVITE = reverse("workspace-invite", args=["acme"])
LEAVE = reverse("workspace-leave", args=["acme"])


def role_url(username: str) -> str:
    return reverse("workspace-member-role", args=["acme", username])


def remove_url(username: str) -> str:
    return reverse("workspace-member-remove", args=["acme", username])


def role_of(workspace, username: str) -> str | None:
    return (
        Membership.objects.filter(workspace=workspace, user__username=username)
        .values_list("role", flat=True)
        .first()
    )


def test_owners_see_the_forms_to_manage_members(workspace, owner, client_for):
    html = client_for(owner).get(MEMBERS).content.decode()

    assert INVITE in html
    assert role_url("eddie") in html and remove_url("vera") in html
    assert reverse("workspace-audit", args=["acme"]) in html


@pytest.mark.parametrize("persona", ["editor", "viewer"])
def test_editors_and_viewers_see_the_members_read_only(request, workspace, persona, client_for):
    response = client_for(request.getfixturevalue(persona)).get(MEMBERS)

    html = response.content.decode()
    assert response.status_code == 200
    assert all(name in html for name in ("olivia", "eddie", "vera"))
    assert (
        INVITE not in html and role_url("olivia") not in html and remove_url("olivia") not in html
    )
    assert LEAVE in html


def test_the_workspace_page_links_to_its_members(workspace, viewer, client_for):
    html = client_for(viewer).get(reverse("workspace", args=["acme"])).content.decode()

    assert MEMBERS in html


@pytest.mark.parametrize("identifier", ["oscar", "oscar@example.com"])
def test_an_owner_invites_by_username_or_email(workspace, owner, outsider, client_for, identifier):
    client = client_for(owner)
    response = client.post(INVITE, {"user": identifier, "role": "editor"})

    assert response.status_code == 302 and response["Location"] == MEMBERS
    assert role_of(workspace, "oscar") == Role.EDITOR
    assert "oscar is now a member, as editor." in client.get(MEMBERS).content.decode()


def test_inviting_someone_without_an_account_says_so_next_to_the_field(
    workspace, owner, client_for
):
    response = client_for(owner).post(INVITE, {"user": "ghost@example.com", "role": "viewer"})

    assert response.status_code == 400
    assert response.context["invite_form"].errors["user"] == [
        "No user has the email address ghost@example.com."
    ]
    assert 'value="ghost@example.com"' in response.content.decode()


def test_inviting_a_member_again_says_so_next_to_the_field(workspace, owner, client_for):
    response = client_for(owner).post(INVITE, {"user": "eddie", "role": "owner"})

    assert response.status_code == 409
    assert response.context["invite_form"].errors["user"] == [
        "eddie is already a member of this workspace."
    ]
    assert role_of(workspace, "eddie") == Role.EDITOR


def test_an_owner_changes_a_role(workspace, owner, client_for):
    response = client_for(owner).post(role_url("vera"), {"role": "editor"})

    assert response.status_code == 302
    assert role_of(workspace, "vera") == Role.EDITOR


def test_demoting_the_last_owner_is_refused_with_one_clear_message(workspace, owner, client_for):
    response = client_for(owner).post(role_url("olivia"), {"role": "viewer"})

    assert response.status_code == 409
    assert "last owner: make another member an owner first" in response.content.decode()
    assert role_of(workspace, "olivia") == Role.OWNER


def test_an_owner_removes_a_member(workspace, owner, client_for):
    response = client_for(owner).post(remove_url("eddie"))

    assert response.status_code == 302
    assert role_of(workspace, "eddie") is None


def test_a_member_leaves_and_lands_on_the_home_page(workspace, viewer, client_for):
    response = client_for(viewer).post(LEAVE)

    assert response["Location"] == reverse("home")
    assert role_of(workspace, "vera") is None


def test_the_last_owner_cannot_leave(workspace, owner, client_for):
    response = client_for(owner).post(LEAVE)

    assert response.status_code == 409
    assert "You are this workspace&#x27;s last owner" in response.content.decode()
    assert role_of(workspace, "olivia") == Role.OWNER


@pytest.mark.parametrize("persona", ["editor", "viewer"])
def test_editors_and_viewers_cannot_manage_members(request, workspace, persona, client_for):
    client = client_for(request.getfixturevalue(persona))
    before = AuditEvent.objects.count()

    assert client.post(INVITE, {"user": "oscar", "role": "owner"}).status_code == 403
    assert client.post(role_url("olivia"), {"role": "viewer"}).status_code == 403
    assert client.post(remove_url("olivia")).status_code == 403
    assert client.get(reverse("workspace-audit", args=["acme"])).status_code == 403

    assert role_of(workspace, "olivia") == Role.OWNER
    assert AuditEvent.objects.count() == before


def test_an_unknown_member_is_a_404(workspace, owner, client_for):
    assert client_for(owner).post(role_url("nobody"), {"role": "viewer"}).status_code == 404
    assert client_for(owner).post(remove_url("nobody")).status_code == 404


def test_an_outsider_finds_none_of_the_pages(workspace, outsider, client_for):
    client = client_for(outsider)

    assert client.get(MEMBERS).status_code == 404
    assert client.get(reverse("workspace-audit", args=["acme"])).status_code == 404
    assert client.post(INVITE, {"user": "oscar", "role": "owner"}).status_code == 404
    assert client.post(role_url("olivia"), {"role": "viewer"}).status_code == 404
    assert client.post(remove_url("olivia")).status_code == 404
    assert client.post(LEAVE).status_code == 404
    assert role_of(workspace, "oscar") is None


def test_anonymous_visitors_are_sent_to_log_in(workspace, client):
    assert client.get(MEMBERS)["Location"].startswith(reverse("login"))


def test_the_member_list_takes_a_fixed_number_of_queries(
    workspace, owner, client_for, django_assert_max_num_queries
):
    for n in range(60):
        set_membership(workspace=workspace, user=make_user(f"member-{n:02}"), role=Role.VIEWER)
    client = client_for(owner)

    with django_assert_max_num_queries(5):
        response = client.get(MEMBERS)

    assert response.content.decode().count(">Remove</button>") == 62
