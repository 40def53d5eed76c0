"""Workspaces: who may see and change which architectures, and the log of those changes."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


class Workspace(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=63, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="workspaces"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} ({self.role})"


class AuditAction(models.TextChoices):
    WORKSPACE_CREATED = "workspace.created", "Workspace created"
    MEMBER_ADDED = "member.added", "Member added"
    ROLE_CHANGED = "member.role_changed", "Role changed"
    MEMBER_REMOVED = "member.removed", "Member removed"
    MEMBER_LEFT = "member.left", "Member left"
    TOKEN_CREATED = "token.created", "API token created"
    TOKEN_REVOKED = "token.revoked", "API token revoked"


class AuditEvent(models.Model):
    """One change to who may do what: membership, role or API token.

    Names are copied next to the foreign keys so that the log still reads after a
    user is deleted. Membership events belong to their workspace; token events
    have none and belong to the token's user (`subject`).
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    workspace = models.ForeignKey(
        Workspace,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_events",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The user the change is about: the member, or the token's owner.",
    )
    subject_name = models.CharField(max_length=150, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["workspace", "-created_at"], name="audit_by_workspace"),
            models.Index(fields=["subject", "action", "-created_at"], name="audit_by_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name or 'system'}: {self.action}"

    @property
    def summary(self) -> str:
        """One sentence for a person reading the log."""
        actor = self.actor_name or "The system"
        subject = self.subject_name or "a deleted user"
        details = self.details
        match self.action:
            case AuditAction.WORKSPACE_CREATED:
                return f"{actor} created the workspace"
            case AuditAction.MEMBER_ADDED:
                return f"{actor} added {subject} as {details.get('role')}"
            case AuditAction.ROLE_CHANGED:
                return (
                    f"{actor} changed the role of {subject} "
                    f"from {details.get('from')} to {details.get('to')}"
                )
            case AuditAction.MEMBER_REMOVED:
                return f"{actor} removed {subject} ({details.get('role')})"
            case AuditAction.MEMBER_LEFT:
                return f"{subject} left the workspace ({details.get('role')})"
            case AuditAction.TOKEN_CREATED:
                return f"{actor} created the API token “{details.get('name')}”"
            case AuditAction.TOKEN_REVOKED:
                return f"{actor} revoked the API token “{details.get('name')}”"
        return self.get_action_display()
