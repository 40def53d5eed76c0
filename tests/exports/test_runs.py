"""Running exports: what is stored, progress, failures, restarts and retention."""

from __future__ import annotations

import io
import zipfile

import pytest

from apps.exports.models import Export, ExportArchive
from apps.exports.services import ThrottledProgress, request_export, run_export
from apps.jobs.models import JobStatus
from apps.jobs.tasks import run_job

from .conftest import first_targets

pytestmark = pytest.mark.django_db


def archive_of(export: Export) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(bytes(ExportArchive.objects.get(export=export).data)))


def test_a_finished_export_stores_its_archive_index_problems_and_the_job_result(exported):
    job = exported.job

    assert job.status == JobStatus.SUCCEEDED and job.progress == 100
    assert exported.is_complete and exported.files_done == exported.files_total > 1
    archive = archive_of(exported)
    assert [row[0] for row in exported.files] == archive.namelist()
    assert [row[1] for row in exported.files] == [info.file_size for info in archive.infolist()]
    assert exported.size == len(bytes(exported.archive.data))
    assert job.result["export"] == exported.pk and job.result["files"] == len(exported.files)
    errors = sum(1 for problem in exported.problems if problem["severity"] == "error")
    assert exported.problem_counts.get("error", 0) == errors
    assert f"{exported.files_total:,} files" in job.message


def test_an_export_reads_the_revision_current_when_it_runs(architecture, editor, committed):
    export = request_export(actor=editor, architecture=architecture, targets=first_targets(1))
    type(architecture).objects.filter(pk=architecture.pk).update(revision=architecture.revision + 5)

    committed(run_job, export.job_id)

    export.refresh_from_db()
    assert export.revision == architecture.revision + 5
    assert f"revision {export.revision}" in archive_of(export).read("README.md").decode().lower()


def test_a_failing_target_fails_the_job_with_its_reason_and_stores_nothing(
    architecture, editor, committed, temporary_target
):
    def explode():
        raise RuntimeError("the mesh has no gateway to route to\nsecond line")

    failing = temporary_target("failing", {"a.yaml": lambda: [{"kind": "A"}], "b.yaml": explode})

    export = committed(
        request_export,
        actor=editor,
        architecture=architecture,
        targets=[*first_targets(1), failing],
    )

    export.refresh_from_db()
    job = export.job
    assert job.status == JobStatus.FAILED
    assert job.error == "RuntimeError: the mesh has no gateway to route to"
    assert "Traceback" in job.log
    assert not export.is_complete and export.files == [] and export.size is None
    assert not ExportArchive.objects.exists()


def test_a_restarted_job_whose_archive_was_stored_is_not_exported_again(exported):
    stored = bytes(exported.archive.data)

    class Silent:
        def __call__(self, percent, message=""):
            raise AssertionError("a finished export reported progress")

        def log(self, line):
            raise AssertionError("a finished export logged")

    result = run_export(exported.job, Silent())

    assert result["export"] == exported.pk and result["files"] == exported.files_total
    assert bytes(ExportArchive.objects.get(export=exported).data) == stored


def test_only_the_newest_settled_exports_of_an_architecture_are_kept(
    architecture, other_architecture, editor, outsider, committed, settings
):
    settings.EXPORTS_KEPT_PER_ARCHITECTURE = 2
    targets = first_targets(1)
    theirs = committed(
        request_export, actor=outsider, architecture=other_architecture, targets=targets
    )
    ours = [
        committed(request_export, actor=editor, architecture=architecture, targets=targets)
        for _ in range(4)
    ]
    # Never sent (the transaction does not commit): still queued, so neither counted nor pruned.
    waiting = request_export(actor=editor, architecture=architecture, targets=targets)
    newest = request_export(actor=editor, architecture=architecture, targets=targets)

    committed(run_job, newest.job_id)

    kept = set(Export.objects.filter(architecture=architecture).values_list("pk", flat=True))
    assert kept == {ours[-1].pk, waiting.pk, newest.pk}
    assert Export.objects.filter(pk=theirs.pk).exists()
    archives = set(ExportArchive.objects.values_list("export_id", flat=True))
    assert archives == {theirs.pk, ours[-1].pk, newest.pk}


class Recorder:
    def __init__(self):
        self.calls: list[tuple[int, str]] = []

    def __call__(self, percent: int, message: str = "") -> None:
        self.calls.append((percent, message))

    def log(self, line: str) -> None:
        pass


def test_progress_is_written_a_few_times_a_second_and_always_for_the_last_file(exported):
    now = [0.0]
    recorder = Recorder()
    progress = ThrottledProgress(exported.pk, recorder, interval=0.5, clock=lambda: now[0])

    for done in range(1, 9001):
        now[0] = done * 0.001  # 9,000 files in 9 seconds
        progress(done, 9000)

    assert 15 <= len(recorder.calls) <= 20
    assert recorder.calls[0][1] == "1 of 9,000 files"
    assert recorder.calls[-1][1] == "9,000 of 9,000 files"
    percents = [percent for percent, _ in recorder.calls]
    assert percents == sorted(percents) and percents[-1] < 100
    exported.refresh_from_db()
    assert (exported.files_done, exported.files_total) == (9000, 9000)
