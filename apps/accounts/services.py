"""Creating and revoking API tokens (each recorded in the audit log), and signing up."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apps.workspaces import audit
from apps.workspaces.models import AuditAction, Workspace
from apps.workspaces.services import create_workspace

from .models import ApiToken, hash_key

KEY_PREFIX = "msd_"
MAX_LIFETIME_DAYS = 3650


def expiry_in_days(days: int) -> datetime:
    return timezone.now() + timedelta(days=days)


def expiry_at_end_of(day: date) -> datetime:
    """A token valid "until 1 March" works all that day, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))


def expiry_problem(expires_at: datetime) -> str | None:
    """Why a token cannot expire then, if it cannot: one rule for the page and the API."""
    now = timezone.now()
    if expires_at <= now:
        return "It must be in the future."
    if expires_at > now + timedelta(days=MAX_LIFETIME_DAYS + 1):
        return "It must be within ten years."
    return None


def _token_details(token: ApiToken) -> dict:
    # Name and id only: neither the key nor its hash or prefix belongs in the log.
    expires = token.expires_at.isoformat() if token.expires_at else None
    return {"token_id": token.pk, "name": token.name, "expires_at": expires}


@transaction.atomic
def create_token(*, actor, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for `actor`; returns it with its key, which is never shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=key[:12], key_hash=hash_key(key), expires_at=expires_at
    )
    audit.record(
        actor=actor, action=AuditAction.TOKEN_CREATED, subject=actor, details=_token_details(token)
    )
    return token, key


@transaction.atomic
def revoke_token(*, actor, token: ApiToken) -> bool:
    """Revoke one of `actor`'s own tokens; False when it was revoked already."""
    revoked = ApiToken.objects.filter(pk=token.pk, user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit.record(
            actor=actor,
            action=AuditAction.TOKEN_REVOKED,
            subject=actor,
            details=_token_details(token),
        )
    return bool(revoked)


@transaction.atomic
def create_account(*, username: str, password: str) -> tuple[object, Workspace]:
    """A new user with a personal workspace they own: no account without a workspace."""
    user = get_user_model().objects.create_user(username=username, password=password)
    workspace = create_workspace(actor=user, name=f"{username}'s workspace")
    return user, workspace
