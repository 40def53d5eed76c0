"""Creating and revoking API tokens."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apps.workspaces.models import Workspace
from apps.workspaces.services import create_workspace

from .models import ApiToken, hash_key

KEY_PREFIX = "msd_"


@transaction.atomic
def create_token(*, actor, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for `actor`; returns it with its key, which is never shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=key[:12], key_hash=hash_key(key), expires_at=expires_at
    )
    return token, key


def revoke_token(*, actor, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def create_account(*, username: str, password: str) -> tuple[object, Workspace]:
    """A new user with a personal workspace they own: no account without a workspace."""
    user = get_user_model().objects.create_user(username=username, password=password)
    workspace = create_workspace(actor=user, name=f"{username}'s workspace")
    return user, workspace
