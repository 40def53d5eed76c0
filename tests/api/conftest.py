"""Fixtures of the API tests: token-authenticated clients for each persona."""

from __future__ import annotations

import pytest

REFERENCE_SLUG = "e-commerce-platform"
OTHER_SLUG = "secret-platform"


@pytest.fixture
def as_owner(api_client_for, owner, workspace):
    return api_client_for(owner)


@pytest.fixture
def as_editor(api_client_for, editor, workspace):
    return api_client_for(editor)


@pytest.fixture
def as_viewer(api_client_for, viewer, workspace):
    return api_client_for(viewer)


@pytest.fixture
def as_outsider(api_client_for, outsider, other_workspace):
    return api_client_for(outsider)


@pytest.fixture
def as_anonymous(api_client_for):
    return api_client_for(None)
