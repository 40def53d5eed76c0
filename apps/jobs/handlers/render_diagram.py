"""Job kind ``render_diagram``: draw one diagram of an architecture into the render cache.

Input: ``{"view", "fmt", "options", "overlay", "revision", "digest"}`` as
apps/diagrams/services.py `render_input` writes them (the revision and digest
identify the request; the job draws whatever revision is current when it runs).
A restarted job simply draws again: the render is one row, written at the end,
and a render already stored is taken from the cache.
"""

from __future__ import annotations

from typing import Any

from . import JobFailed, Progress, register

KIND = "render_diagram"


@register(KIND)
def run_render_diagram(job, progress: Progress) -> dict[str, Any]:
    from apps.diagrams.services import run_render
    from microservices.diagrams import RenderError

    if job.architecture is None:
        raise JobFailed("the architecture was deleted before its diagram was drawn")
    try:
        return run_render(job, progress)
    except RenderError as exc:
        raise JobFailed(str(exc)) from None
