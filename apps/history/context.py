"""Who is changing an architecture and why, for the revision the change records.

A request's `X-Change-Message` header and API token are picked up when the request
starts; views add a message from a form or body field with `describe_change`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from django.core.signals import request_finished, request_started


@dataclass(frozen=True)
class ChangeContext:
    message: str = ""
    authorization: str = ""  # the request's Authorization header, for the token's name
    restored_from: int | None = None


_current: ContextVar[ChangeContext | None] = ContextVar("change_context", default=None)


def current() -> ChangeContext:
    return _current.get() or ChangeContext()


@contextmanager
def describe_change(*, message: str = "", restored_from: int | None = None) -> Iterator[None]:
    """Give the changes made inside the block a message (kept when empty)."""
    previous = current()
    updated = replace(previous, message=message or previous.message, restored_from=restored_from)
    token = _current.set(updated)
    try:
        yield
    finally:
        _current.reset(token)


def _headers(environ: dict | None, scope: dict | None) -> dict[str, str]:
    """The two headers wanted, from a WSGI environ or an ASGI scope."""
    if scope is not None:
        raw = {name.decode("latin-1").lower(): value for name, value in scope.get("headers", [])}
        return {
            name: raw.get(name, b"").decode("utf-8", "replace")
            for name in ("x-change-message", "authorization")
        }
    environ = environ or {}
    return {
        "x-change-message": environ.get("HTTP_X_CHANGE_MESSAGE", ""),
        "authorization": environ.get("HTTP_AUTHORIZATION", ""),
    }


def _started(sender, environ=None, scope=None, **kwargs) -> None:
    headers = _headers(environ, scope)
    _current.set(
        ChangeContext(
            message=headers["x-change-message"].strip(),
            authorization=headers["authorization"],
        )
    )


def _finished(sender, **kwargs) -> None:
    _current.set(None)


def connect_request_signals() -> None:
    request_started.connect(_started, dispatch_uid="history-change-context")
    request_finished.connect(_finished, dispatch_uid="history-change-context")
