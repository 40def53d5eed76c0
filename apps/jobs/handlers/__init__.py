"""The registry of job kinds: one module per kind in this package, each registering
its handler with ``@register("<kind>")``.

A handler is ``handler(job, progress) -> dict``: it does the work of one job and
returns its result (stored as JSON on the row). It reports progress through
`progress` and raises `JobFailed` with a one-line reason people can act on; any
other exception also fails the job, with the traceback kept in the log.

Every module of the package is imported when Django starts (JobsConfig.ready), so
adding a kind touches one new file and its test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..models import Job


class JobFailed(Exception):
    """The job cannot succeed; the message says why, in one line, for people."""


class Progress(Protocol):
    def __call__(self, percent: int, message: str = "") -> None: ...

    def log(self, line: str) -> None: ...


Handler = Callable[["Job", Progress], dict[str, Any]]

HANDLERS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    def decorator(handler: Handler) -> Handler:
        if HANDLERS.get(kind, handler) is not handler:
            raise ValueError(f"the job kind {kind!r} is already registered")
        HANDLERS[kind] = handler
        return handler

    return decorator


def unregister(kind: str) -> None:
    HANDLERS.pop(kind, None)


def get_handler(kind: str) -> Handler:
    try:
        return HANDLERS[kind]
    except KeyError:
        raise JobFailed(f"no handler is registered for jobs of kind {kind!r}") from None


def discover() -> None:
    """Import every handler module of this package, so that each registers itself."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
