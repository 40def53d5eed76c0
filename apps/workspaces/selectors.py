"""Reads shared by the pages and the API: members and audit events, scoped by the caller."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import AuditAction, AuditEvent, Membership, Role, Workspace

TOKEN_ACTIONS = (AuditAction.TOKEN_CREATED, AuditAction.TOKEN_REVOKED)
ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Role)),
    output_field=IntegerField(),
)


def members_of(workspace: Workspace) -> QuerySet[Membership]:
    """The workspace's memberships, owners first, then by username."""
    return (
        Membership.objects.filter(workspace=workspace)
        .select_related("user")
        .order_by(ROLE_RANK, "user__username")
    )


def member_named(workspace: Workspace, username: str) -> Membership | None:
    return members_of(workspace).filter(user__username=username).first()


def audit_events_of(workspace: Workspace) -> QuerySet[AuditEvent]:
    """The workspace's log, newest first; names are stored on the rows, so no joins."""
    return AuditEvent.objects.filter(workspace=workspace).order_by("-created_at", "-pk")


def token_events_of(user) -> QuerySet[AuditEvent]:
    """What happened to `user`'s API tokens, newest first."""
    return AuditEvent.objects.filter(subject=user, action__in=TOKEN_ACTIONS).order_by(
        "-created_at", "-pk"
    )
