"""Writing the audit log: one row per change to membership, roles and API tokens.

Service functions call `record` inside their own transaction, so a change and its
row are committed together or not at all; a refused change writes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from .models import AuditAction, AuditEvent, Workspace

logger = logging.getLogger(__name__)

# Keys that would carry a secret: refused outright, so that no caller can log one by mistake.
SECRET_KEYS = frozenset({"key", "token_key", "password", "secret", "key_hash"})


def record(
    *,
    actor,
    action: AuditAction,
    workspace: Workspace | None = None,
    subject=None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    details = details or {}
    leaked = SECRET_KEYS & set(details)
    if leaked:
        raise ValueError(f"Audit details must not hold secrets: {sorted(leaked)}")
    event = AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        workspace=workspace,
        subject=subject,
        subject_name=subject.get_username() if subject is not None else "",
        details=details,
    )
    # Names and ids only: details are for the log table, not for log files.
    logger.info(
        "audit %s by %s on %s in %s",
        action,
        event.actor_name or "system",
        event.subject_name or "-",
        workspace.slug if workspace is not None else "-",
    )
    return event
