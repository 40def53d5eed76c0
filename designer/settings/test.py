"""Settings for pytest.

Same behaviour as production where it matters (DEBUG off), but fast: MD5
password hashing. DATABASE_URL and CELERY_BROKER_URL are still read from the
environment by base, so the same suite runs embedded (SQLite, eager tasks) on a
laptop and against PostgreSQL, Redis and a real worker in CI.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
# Fixed so that signed values (sessions, tokens) are reproducible between runs.
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", "[::1]"]

# Hashing with PBKDF2 dominates the run time of tests that create users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Serve static files from the source folders, so browser tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run in-process unless a test asks for the real worker: the `celery_worker_process`
# fixture (integration tests) switches the Celery app to the broker for its tests.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# Parallel test processes sharing CI's Redis keep to their own channel-layer keys, as
# the architecture ids of their separate databases repeat.
if CHANNEL_LAYER_URL:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = (  # noqa: F405
        f"pytest-live-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    )
