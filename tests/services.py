"""The external services the test-suite may use, and what to do when they are missing.

Most tests run embedded: SQLite and Celery tasks executed in-process, so that
``make test`` works on any machine. Tests marked ``integration`` check what only
real services show: PostgreSQL's behaviour, and jobs crossing Redis to a
separate worker process (serialisation, commit visibility, acknowledgements).
Tests marked ``browser`` drive Debian's Chromium through Playwright.

When what such a test needs is missing:

* on a developer's machine the test is skipped, with the reason;
* in CI (``CI=true``) the test fails with the same reason, because a CI run that
  skipped them would be green without having tested what they exist for.

Integration tests need DATABASE_URL pointing at PostgreSQL and CELERY_BROKER_URL
pointing at a reachable Redis. Those that need a worker use the
``tasks_on_worker`` fixture: it starts the session's ``celery_worker_process``,
gives the test ``transactional_db`` (the worker is another process and only sees
committed rows) and, for that test only, sends tasks to the worker instead of
running them in-process as the test settings otherwise do.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CONNECT_TIMEOUT_SECONDS = 3
WORKER_START_TIMEOUT_SECONDS = 30


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def broker_key_prefix() -> str:
    """Redis key prefix for this test process (one per pytest-xdist worker).

    Keeps the tasks of a test run away from a developer's own worker on the same
    Redis, and from parallel test processes.
    """
    return f"pytest-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}:"


# --- detection ------------------------------------------------------------------


@functools.cache
def _postgres_problem() -> str | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"DATABASE_URL does not point at PostgreSQL (the database is {connection.vendor})"
    import psycopg

    params = connection.settings_dict
    where = f"{params['HOST'] or 'the local socket'}:{params['PORT'] or 5432}"
    try:
        # A direct connection: Django's own is blocked outside tests by pytest-django.
        with psycopg.connect(
            dbname=params["NAME"],
            user=params["USER"] or None,
            password=params["PASSWORD"] or None,
            host=params["HOST"] or None,
            port=str(params["PORT"]) if params["PORT"] else None,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        ):
            pass
    except psycopg.Error as exc:
        return f"PostgreSQL at {where} is not reachable: {str(exc).strip()}"
    return None


@functools.cache
def _redis_problem() -> str | None:
    from django.conf import settings

    url = settings.CELERY_BROKER_URL
    if not url:
        return "CELERY_BROKER_URL is not set (Celery tasks run in-process)"
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"}:
        return f"CELERY_BROKER_URL is not a Redis URL (scheme {parts.scheme!r})"
    import redis

    try:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
            socket_timeout=CONNECT_TIMEOUT_SECONDS,
        )
        client.ping()
        client.close()
    except redis.RedisError as exc:
        # Host and port only: the URL may carry a password.
        return f"Redis at {parts.hostname}:{parts.port or 6379} is not reachable: {exc}"
    return None


def postgres_available() -> bool:
    """DATABASE_URL points at PostgreSQL and the server answers."""
    return _postgres_problem() is None


def redis_available() -> bool:
    """CELERY_BROKER_URL points at Redis and the server answers."""
    return _redis_problem() is None


def integration_problems() -> list[str]:
    return [p for p in (_postgres_problem(), _redis_problem()) if p]


def browser_problems() -> list[str]:
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append("the playwright package is not installed")
    return problems


def skip_or_fail(problems: list[str]) -> None:
    """Skip locally, fail in CI, when something a test needs is missing."""
    if not problems:
        return
    reason = "; ".join(problems)
    if in_ci():
        pytest.fail(f"required in CI (CI=true): {reason}", pytrace=False)
    pytest.skip(reason)


# --- hooks (imported by tests/conftest.py) ------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    if settings.CELERY_BROKER_URL:
        from designer import celery_app

        options = dict(celery_app.conf.broker_transport_options or {})
        options["global_keyprefix"] = broker_key_prefix()
        celery_app.conf.broker_transport_options = options


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Runs before the test's fixtures, so nothing is set up for a test that cannot run.
    if item.get_closest_marker("integration"):
        skip_or_fail(integration_problems())
    if item.get_closest_marker("browser"):
        skip_or_fail(browser_problems())


# --- a real Celery worker ---------------------------------------------------------------


def _database_url_with_name(url: str, name: str) -> str:
    return urlsplit(url)._replace(path="/" + quote(name)).geturl()


def _tail(path: Path, lines: int = 60) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:]) or "(the worker printed nothing)"


def _wait_for_worker(process: subprocess.Popen, node: str, log: Path) -> None:
    from designer import celery_app

    deadline = time.monotonic() + WORKER_START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"The Celery worker exited with status {process.returncode} before it "
                f"answered a ping. Its output:\n{_tail(log)}",
                pytrace=False,
            )
        if celery_app.control.ping(destination=[node], timeout=1.0):
            return
    pytest.fail(
        f"The Celery worker did not answer a ping within {WORKER_START_TIMEOUT_SECONDS} s. "
        f"Its output:\n{_tail(log)}",
        pytrace=False,
    )


# A killed worker's unacknowledged task comes back to the queue after this long; short
# here so that a test can kill the worker mid-task and see the task run again.
WORKER_VISIBILITY_TIMEOUT_SECONDS = 12


class WorkerProcess:
    """One real `celery worker` subprocess that a test may kill and start again."""

    def __init__(self, env: dict[str, str], node: str):
        self.env = env
        self.node = node
        self.process: subprocess.Popen | None = None
        fd, log_name = tempfile.mkstemp(prefix="celery-worker-", suffix=".log")
        os.close(fd)
        self.log = Path(log_name)

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "designer", "worker"]
        command += ["--pool=solo", "--concurrency=1", "-l", "info", "-n", self.node]
        # Output goes to a file: a pipe nobody reads would block the worker when full.
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=self.env, stdout=out, stderr=out
            )
        _wait_for_worker(self.process, self.node, self.log)

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, the task in hand is left unacknowledged."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return _tail(self.log)


@pytest.fixture(scope="session")
def celery_worker(django_db_setup: None) -> Iterator[WorkerProcess]:
    """A real Celery worker in a subprocess, for the whole session.

    Eager execution hides what breaks in production: arguments that do not
    serialise, rows read before they are committed, a worker that cannot import
    a task. So integration tests send their tasks through Redis to this worker.

    It runs with the same environment and settings module as the tests
    (designer.settings.test by default), except that DATABASE_URL names the
    *test* database. pytest-django creates that database under another
    name (``test_<name>``, plus a suffix per xdist worker), which is only known
    once ``django_db_setup`` has run, hence the dependency; depending on it also
    makes the worker stop before the test database is dropped. Tests using the
    worker need ``transactional_db``: it only sees committed rows.
    """
    skip_or_fail(integration_problems())
    from django.conf import settings
    from django.db import connection

    from designer import celery_app

    env = {
        **os.environ,
        # The settings this test process runs with (pytest-django exports them).
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE")
        or "designer.settings.test",
        "DATABASE_URL": _database_url_with_name(
            settings.DATABASE_URL, connection.settings_dict["NAME"]
        ),
        "CELERY_BROKER_KEY_PREFIX": broker_key_prefix(),
        "CELERY_BROKER_VISIBILITY_TIMEOUT": str(WORKER_VISIBILITY_TIMEOUT_SECONDS),
        "CELERY_BROKER_RESTORE_INTERVAL": "1",
    }
    env.pop("DATABASE_URL_FILE", None)  # would conflict with DATABASE_URL
    # Tasks left by an interrupted run would otherwise run against this database.
    celery_app.control.purge()
    worker = WorkerProcess(env, f"pytest-{os.getpid()}@{socket.gethostname()}")
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()
        worker.log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def celery_worker_process(celery_worker: WorkerProcess) -> str:
    """The session's real worker (see `celery_worker`); its node name."""
    return celery_worker.node


@pytest.fixture
def tasks_on_worker(celery_worker_process: str, transactional_db: None) -> Iterator[str]:
    """For one test, tasks go through Redis to the real worker; yields its node name.

    The test settings run tasks eagerly (CELERY_TASK_ALWAYS_EAGER), so that the
    rest of the suite needs no worker; this turns that off on the running Celery
    app while the test lasts and restores it afterwards.
    """
    from designer import celery_app

    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield celery_worker_process
    finally:
        celery_app.conf.task_always_eager = was_eager


def wait_for_job(job, seconds: float = 60):
    """Poll a Job row until it finishes; fail the test, saying where it stands, after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    pytest.fail(f"job {job.pk} still {job.status} after {seconds} s: {job.message}")
