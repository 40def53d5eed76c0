"""Creating and revoking API tokens."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone

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
