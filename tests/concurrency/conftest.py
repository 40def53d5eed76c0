"""Fixtures of the concurrency tests: token clients and the reference architecture's URLs."""

from __future__ import annotations

SLUG = "e-commerce-platform"
API = f"/api/architectures/{SLUG}"
SERVICE_URL = f"{API}/services/order-service/"
SPEC_URL = f"{API}/spec/"
