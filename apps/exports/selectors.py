"""Reading exports back: lists without their payload, one file without the archive.

Lists and pages never read the archive; a download reads all of it, a preview
only the bytes of one file (through the file index's offsets).
"""

from __future__ import annotations

from django.db.models import BinaryField, Func, QuerySet, Value
from django.http import Http404

from apps.architectures.models import Architecture
from apps.jobs.models import JobStatus

from .archive import IndexEntry, read_member
from .models import Export, ExportArchive

RECENT = 50


class _BytesSlice(Func):
    """SUBSTR over a binary column (1-based), on PostgreSQL and SQLite alike."""

    function = "SUBSTR"
    output_field = BinaryField()


def exports_of(architecture: Architecture) -> QuerySet[Export]:
    """The architecture's exports, newest first, with their job and author, light."""
    return (
        Export.objects.filter(architecture=architecture)
        .without_payload()
        .select_related("job", "created_by")
        .defer("job__input", "job__result", "job__log")
        .order_by("-created_at", "-id")
    )


def recent_exports(architecture: Architecture) -> list[Export]:
    return list(exports_of(architecture)[:RECENT])


def has_pending(exports: list[Export]) -> bool:
    return any(export.job.status in (JobStatus.QUEUED, JobStatus.RUNNING) for export in exports)


def export_of(architecture: Architecture, pk: int, *, payload: bool = False) -> Export:
    """One export of the architecture (404 otherwise); with `payload`, its file index and
    problems too."""
    exports = Export.objects.filter(architecture=architecture).select_related("job", "created_by")
    exports = exports.defer("job__input", "job__result", "job__log")
    if not payload:
        exports = exports.defer("files", "problems")
    export = exports.filter(pk=pk).first()
    if export is None:
        raise Http404("no such export")
    return export


def file_entry(export: Export, path: str) -> IndexEntry:
    """The index entry of `path` in a finished export; 404 when it has no such file."""
    for row in export.files:
        if row[0] == path:
            return IndexEntry.from_row(row)
    raise Http404("no such file in the export")


def _slice_reader(export: Export):
    def read(offset: int, length: int) -> bytes:
        part = (
            ExportArchive.objects.filter(pk=export.pk)
            .annotate(part=_BytesSlice("data", Value(offset + 1), Value(length)))
            .values_list("part", flat=True)
            .first()
        )
        if part is None:
            raise Http404("the export has no archive")
        return bytes(part)

    return read


def file_content(export: Export, entry: IndexEntry) -> bytes:
    return read_member(entry, _slice_reader(export))


def archive_data(export: Export) -> bytes | None:
    data = ExportArchive.objects.filter(pk=export.pk).values_list("data", flat=True).first()
    return None if data is None else bytes(data)
