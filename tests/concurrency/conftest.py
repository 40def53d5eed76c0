"""Fixtures of the concurrency tests: token clients and the reference architecture's URLs."""

from __future__ import annotations

import pytest

SLUG = "e-commerce-platform"
API = f"/api/architectures/{SLUG}"
SERVICE_URL = f"{API}/services/order-service/"
SPEC_URL = f"{API}/spec/"


@pytest.fixture
def as_editor(api_client_for, editor, workspace):
    return api_client_for(editor)
