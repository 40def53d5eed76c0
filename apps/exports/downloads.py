"""HTTP responses carrying an export's zip or one of its files."""

from __future__ import annotations

import posixpath

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .models import Export

ZIP_MEDIA_TYPE = "application/zip"
_MEDIA_TYPES = {
    ".yaml": "application/yaml; charset=utf-8",
    ".yml": "application/yaml; charset=utf-8",
    ".json": "application/json",
}
TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"


def media_type_of(path: str) -> str:
    return _MEDIA_TYPES.get(posixpath.splitext(path)[1].lower(), TEXT_MEDIA_TYPE)


def _download(content: bytes, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Never let a browser guess a type from the content: files are data, not pages.
    response["X-Content-Type-Options"] = "nosniff"
    return response


def archive_filename(export: Export) -> str:
    return f"{export.architecture.slug}-r{export.revision}-export-{export.pk}.zip"


def archive_response(export: Export, data: bytes) -> HttpResponse:
    return _download(data, ZIP_MEDIA_TYPE, archive_filename(export))


def file_response(path: str, content: bytes) -> HttpResponse:
    return _download(content, media_type_of(path), posixpath.basename(path))
