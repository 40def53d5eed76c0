"""Job kind ``export_architecture``: an architecture's manifests, as a stored zip.

Input: ``{"revision": n, "targets": [...]}`` (informative); the job's export row
(apps/exports, ``job.export``) holds the targets and options asked for. The work lives in apps/exports/services.py. A restarted job
exports again: the archive is written in one transaction at the end, so a run
cut short leaves nothing behind, and a finished one is not redone.
"""

from __future__ import annotations

from typing import Any

from . import JobFailed, Progress, register

KIND = "export_architecture"


@register(KIND)
def run_export_architecture(job, progress: Progress) -> dict[str, Any]:
    from apps.exports.services import run_export

    if job.architecture is None:
        raise JobFailed("the architecture was deleted before its export ran")
    return run_export(job, progress)
