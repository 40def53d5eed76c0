"""designer.asgi served by uvicorn in a thread, for browser tests that need WebSockets.

pytest-django's `live_server` speaks WSGI only. This server shares the test
database the way `live_server` does (same process, committed rows); views and
consumers run in its one event loop, so even the in-memory channel layer of a
run without Redis carries changes from one browser to the other.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from django.db import connections

START_TIMEOUT_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def asgi_live_server(transactional_db, monkeypatch) -> Iterator[str]:
    """The base URL of a running designer.asgi."""
    from designer.asgi import application

    # Each request runs in a thread of its own: its connection must close with it,
    # or it would stop the test database from being dropped at the end of the run.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the ASGI test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_SECONDS)
