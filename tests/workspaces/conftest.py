"""Fixtures of the workspace tests: a second owner in acme."""

from __future__ import annotations

import pytest

from apps.workspaces.models import Role
from apps.workspaces.services import set_membership
from tests.fixtures import make_user


@pytest.fixture
def co_owner(workspace):
    """A second owner of acme, for the cases where owners change each other."""
    user = make_user("cora")
    set_membership(workspace=workspace, user=user, role=Role.OWNER)
    return user
