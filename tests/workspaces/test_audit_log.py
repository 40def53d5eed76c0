"""The audit log: written with each change, read by owners on a page and over the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.workspaces import audit
from apps.workspaces.models import AuditAction, AuditEvent, Membership, Role
from apps.workspaces.services import add_member, change_role

pytestmark = pytest.mark.django_db

AUDIT_PAGE = reverse("workspace-audit", args=["acme"])
AUDIT_API = "/api/workspaces/acme/audit/"


def backdated_events(workspace, owner, count: int) -> None:
    """`count` role changes, one a minute, the newest named last."""
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            created_at=now - timedelta(minutes=count - n),
            action=AuditAction.ROLE_CHANGED,
            actor=owner,
            actor_name="olivia",
            workspace=workspace,
            subject_name=f"member-{n:03}",
            details={"from": "viewer", "to": "editor"},
        )
        for n in range(count)
    )


def test_a_change_and_its_audit_row_commit_together_or_not_at_all(
    workspace, owner, viewer, monkeypatch
):
    def failing_create(**fields):
        raise RuntimeError("the log is unavailable")

    monkeypatch.setattr(AuditEvent.objects, "create", failing_create)

    with pytest.raises(RuntimeError):
        change_role(actor=owner, workspace=workspace, user=viewer, role=Role.OWNER)

    assert Membership.objects.get(workspace=workspace, user=viewer).role == Role.VIEWER


def test_audit_details_refuse_anything_named_like_a_secret(workspace, owner):
    with pytest.raises(ValueError, match="secrets"):
        audit.record(
            actor=owner,
            action=AuditAction.TOKEN_CREATED,
            subject=owner,
            details={"name": "ci", "key": "msd_x"},
        )


def test_the_audit_page_shows_who_did_what_to_whom_newest_first(
    workspace, owner, outsider, client_for
):
    add_member(actor=owner, workspace=workspace, identifier="oscar", role=Role.VIEWER)
    change_role(actor=owner, workspace=workspace, user=outsider, role=Role.EDITOR)

    response = client_for(owner).get(AUDIT_PAGE)

    html = response.content.decode()
    changed = html.index("olivia changed the role of oscar from viewer to editor")
    added = html.index("olivia added oscar as viewer")
    assert response.status_code == 200
    assert changed < added


def test_the_audit_page_is_paginated(workspace, owner, client_for):
    backdated_events(workspace, owner, 120)
    client = client_for(owner)

    first = client.get(AUDIT_PAGE).content.decode()
    last = client.get(AUDIT_PAGE, {"page": 3}).content.decode()

    assert "member-119" in first and "member-000" not in first
    assert "member-000" in last and "member-119" not in last
    assert 'rel="next"' in first and 'rel="prev"' in last


def test_the_audit_page_takes_a_fixed_number_of_queries(
    workspace, owner, client_for, django_assert_max_num_queries
):
    backdated_events(workspace, owner, 200)
    client = client_for(owner)

    with django_assert_max_num_queries(6):
        response = client.get(AUDIT_PAGE)

    assert response.content.decode().count("</time>") == 50


def test_the_audit_page_holds_only_its_workspace(workspace, other_workspace, owner, client_for):
    html = client_for(owner).get(AUDIT_PAGE).content.decode()

    assert "oscar" not in html


def test_owners_read_the_audit_log_over_the_api_newest_first(as_owner, workspace, owner):
    backdated_events(workspace, owner, 3)

    response = as_owner.get(AUDIT_API)

    assert response.status_code == 200
    changes = [r for r in response.json()["results"] if r["action"] == "member.role_changed"]
    assert [r["subject"] for r in changes] == ["member-002", "member-001", "member-000"]
    assert changes[0] == {
        "id": changes[0]["id"],
        "created_at": changes[0]["created_at"],
        "action": "member.role_changed",
        "actor": "olivia",
        "subject": "member-002",
        "summary": "olivia changed the role of member-002 from viewer to editor",
        "details": {"from": "viewer", "to": "editor"},
    }


def test_the_audit_api_takes_a_fixed_number_of_queries(
    as_owner, workspace, owner, django_assert_max_num_queries
):
    backdated_events(workspace, owner, 200)

    with django_assert_max_num_queries(6):
        response = as_owner.get(AUDIT_API, {"page_size": 200})

    assert len(response.json()["results"]) == 200


def test_token_events_stay_out_of_workspace_logs(as_owner, workspace):
    as_owner.post("/api/tokens/", {"name": "ci"}, format="json")

    actions = [event["action"] for event in as_owner.get(AUDIT_API).json()["results"]]

    assert actions and not any(action.startswith("token.") for action in actions)
