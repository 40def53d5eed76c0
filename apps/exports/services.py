"""Asking for exports, running them, and keeping only the newest.

An export runs as a job of kind ``export_architecture`` (the handler lives in
apps/jobs/handlers/export.py and calls `run_export`). What is asked for is
checked before anything is queued: an unknown target or a bad option is an
error naming it (``targets[1]``, ``options.namespace``) and queues nothing.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from apps.jobs.handlers import JobFailed, Progress
from apps.jobs.handlers.export import KIND
from apps.jobs.models import FINISHED
from apps.jobs.services import enqueue_job, one_line
from microservices.export import all_exporters
from microservices.export.registry import UnknownTarget
from microservices.export.run import export_bundle, parse_options
from microservices.spec import SpecError, SpecValidationError

from .archive import zip_with_index
from .models import Export, ExportArchive

# Progress writes happen at most this often (the last one always happens): an
# export of 45,000 files must not cost 90,000 UPDATEs.
PROGRESS_INTERVAL_SECONDS = 0.5
# The job's percent while files are built runs from BUILDING_FROM to BUILDING_TO.
BUILDING_FROM, BUILDING_TO, STORING = 5, 90, 92


# --- asking ----------------------------------------------------------------------------


def _target_names(targets: Any) -> tuple[list[str], list[SpecError]]:
    """The targets asked for (all when none) and the errors, each naming its item."""
    known = all_exporters()
    if targets is None:
        return list(known), []
    if not isinstance(targets, list | tuple):
        return [], [SpecError(("targets",), "must be a list of target names")]
    names, errors = [], []
    for position, name in enumerate(targets):
        if not isinstance(name, str):
            errors.append(SpecError(("targets", position), "must be a target name"))
        elif name not in known:
            errors.append(SpecError(("targets", position), str(UnknownTarget(name, known))))
        elif name not in names:
            names.append(name)
    return sorted(names) or list(known), errors


def checked_request(targets: Any, options: Any) -> tuple[list[str], dict[str, Any]]:
    """The targets (in name order) and every option's value, or one error listing all
    that is wrong.

    No targets means all of them; no options means the defaults.
    """
    names, errors = _target_names(targets)
    parsed = None
    if options is not None and not isinstance(options, dict):
        errors.append(SpecError(("options",), "must be an object of option values"))
    else:
        try:
            parsed = parse_options(options or {})
        except SpecValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise SpecValidationError(errors)
    return names, parsed.model_dump(mode="json")


def request_export(
    *, actor, architecture: Architecture, targets: Any = None, options: Any = None
) -> Export:
    """Check what is asked, then queue the export (run once the transaction commits)."""
    names, values = checked_request(targets, options)
    actor = actor if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        job = enqueue_job(
            actor=actor,
            kind=KIND,
            workspace=architecture.workspace,
            architecture=architecture,
            input={"revision": architecture.revision, "targets": names},
        )
        export = Export.objects.create(
            architecture=architecture,
            job=job,
            revision=architecture.revision,
            targets=names,
            options=values,
            created_by=actor,
        )
    return export


# --- running ----------------------------------------------------------------------------


class ThrottledProgress:
    """The export's `on_progress`: files done / total on the export and the job,
    written at most every `interval` seconds (and always for the last file)."""

    def __init__(
        self,
        export_id: int,
        progress: Progress,
        *,
        interval: float = PROGRESS_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.export_id = export_id
        self.progress = progress
        self.interval = interval
        self.clock = clock
        self.last_write: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        recent = self.last_write is not None and now - self.last_write < self.interval
        if recent and done < total:
            return
        self.last_write = now
        Export.objects.filter(pk=self.export_id).update(files_done=done, files_total=total)
        percent = BUILDING_FROM + (BUILDING_TO - BUILDING_FROM) * done // max(total, 1)
        self.progress(percent, f"{done:,} of {total:,} files")


def prune_exports(architecture: Architecture, keep: int) -> int:
    """Delete the settled exports of `architecture` beyond its newest `keep`; how many.

    Settled: stored, or failed. Exports still queued or running neither count nor
    go, so a burst of requests cannot push out every downloadable archive.
    """
    settled = Export.objects.filter(architecture=architecture).filter(
        Q(finished_at__isnull=False) | Q(job__status__in=FINISHED)
    )
    old = list(settled.order_by("-created_at", "-id").values_list("pk", flat=True)[keep:])
    if not old:
        return 0
    # Archives first, by a plain DELETE: deleting exports must not read their blobs.
    ExportArchive.objects.filter(export_id__in=old).delete()
    Export.objects.filter(pk__in=old).only("pk").delete()
    return len(old)


def export_summary(export: Export) -> dict[str, Any]:
    return {
        "export": export.pk,
        "revision": export.revision,
        "targets": export.targets,
        "files": export.files_total,
        "size": export.size,
        "problems": export.problem_counts,
    }


def run_export(job, progress: Progress) -> dict[str, Any]:
    """The body of an ``export_architecture`` job: export, store the zip, prune."""
    export = Export.objects.without_payload().filter(job=job).first()
    if export is None:
        raise JobFailed("the export was deleted before it ran")
    if export.is_complete:  # a restart after the archive was stored
        return export_summary(export)
    architecture = job.architecture
    progress(1, "Reading the architecture")
    revision = Architecture.objects.values_list("revision", flat=True).get(pk=architecture.pk)
    spec = architecture_spec(architecture)
    progress(BUILDING_FROM, f"Planning the files of {len(spec.services):,} services")
    try:
        bundle = export_bundle(
            spec,
            export.targets,
            export.options,
            revision=revision,
            on_progress=ThrottledProgress(export.pk, progress),
        )
    except Exception as exc:
        progress.log(traceback.format_exc())
        raise JobFailed(one_line(f"{type(exc).__name__}: {exc}")) from None
    progress(STORING, f"Storing {len(bundle.files):,} files")
    data, index = zip_with_index(bundle)
    problems = [problem.to_dict() for problem in bundle.problems]
    with transaction.atomic():
        stored = Export.objects.filter(pk=export.pk, finished_at__isnull=True).update(
            revision=revision,
            files_done=len(index),
            files_total=len(index),
            files=[entry.as_row() for entry in index],
            problems=problems,
            problem_counts=dict(sorted(Counter(p["severity"] for p in problems).items())),
            size=len(data),
            finished_at=timezone.now(),
        )
        if stored:
            ExportArchive.objects.create(export_id=export.pk, data=data)
            prune_exports(architecture, settings.EXPORTS_KEPT_PER_ARCHITECTURE)
    export.refresh_from_db(fields=["revision", "files_total", "size", "problem_counts"])
    progress(
        99,
        f"Revision {revision}: {len(index):,} files, {len(data):,} bytes zipped, "
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}",
    )
    return export_summary(export)
