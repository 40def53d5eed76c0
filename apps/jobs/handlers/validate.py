"""Job kind ``validate_architecture``: run the rule catalogue over an architecture.

Input: ``{"revision": n}`` (the revision when it was asked for; informative, the
job validates whatever revision is current when it runs). The work, and the
coalescing of requests, live in apps/validation/services.py. A restarted job
simply validates again: a run is one row, written at the end.
"""

from __future__ import annotations

from typing import Any

from . import JobFailed, Progress, register

KIND = "validate_architecture"


@register(KIND)
def run_validate_architecture(job, progress: Progress) -> dict[str, Any]:
    from apps.validation.services import run_validation

    if job.architecture is None:
        raise JobFailed("the architecture was deleted before its validation ran")
    return run_validation(job, progress)
