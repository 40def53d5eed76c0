"""Shared pytest configuration.

Service detection, the skip-or-fail rule for ``integration`` and ``browser``
tests, and the real Celery worker live in tests/services.py; importing its hooks
and fixtures here is what registers them.
"""

from tests.services import (  # noqa: F401
    celery_worker,
    celery_worker_process,
    pytest_configure,
    pytest_runtest_setup,
    tasks_on_worker,
)

pytest_plugins = ["tests.fixtures"]
