"""Integrity: what the spec names but does not define, and what cannot work as written."""

from __future__ import annotations

from ..model import Severity, hit, service
from ..registry import rule


@rule(
    "MS101",
    Severity.ERROR,
    "Placeholder service",
    rationale="A service that is referenced but never defined has no owner, endpoints or "
    "deployment: whatever relies on it cannot be built or checked.",
    fix="Define the service (domain, owner, endpoints), or remove what references it.",
)
def placeholder_services(ctx, params):
    for name in sorted(ctx.placeholders):
        users = sum(1 for _, referenced in ctx.references if referenced == name)
        yield hit(f"{name} is referenced {users} time(s) but never defined", service(name))
