"""Constants of the API tests (the personas' token clients, as_owner … as_anonymous,
are in tests/fixtures.py)."""

from __future__ import annotations

REFERENCE_SLUG = "e-commerce-platform"
OTHER_SLUG = "secret-platform"
