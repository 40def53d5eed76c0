"""Pausing Python's cyclic garbage collector around bulk work.

Reading or writing a large spec creates hundreds of thousands of small objects
and no reference cycles; the collector then runs again and again over a growing
heap for nothing (two thirds of the time of a 5,000-service YAML read). Pausing
it for the duration is safe: nothing is leaked, collection resumes afterwards.
The pause is counted, so overlapping users (threads, nested calls) re-enable the
collector only when the last one finishes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
