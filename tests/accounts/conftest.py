"""Fixtures of the account tests: the API personas."""

from tests.api.conftest import as_anonymous, as_editor, as_owner  # noqa: F401
