"""Job kind ``review_pack``: one PDF for a design review of an architecture.

Input: ``{"revision": n}`` (when it was asked for; informative, the pack shows
whatever revision is current when the job runs). The contents are gathered in
apps/diagrams/review_pack.py. A restarted job makes the pack again: the pack is
one row, written at the end.
"""

from __future__ import annotations

from typing import Any

from . import JobFailed, Progress, register

KIND = "review_pack"


@register(KIND)
def run_review_pack(job, progress: Progress) -> dict[str, Any]:
    from apps.diagrams.services import run_review_pack as make_review_pack
    from microservices.diagrams import RenderError

    if job.architecture is None:
        raise JobFailed("the architecture was deleted before its review pack was made")
    try:
        return make_review_pack(job, progress)
    except RenderError as exc:
        raise JobFailed(f"a diagram could not be drawn: {exc}") from None
