"""The export API: the target catalogue, and exports under /api/architectures/<slug>/.

export-targets/                     GET the targets, their options and the options' schema
exports/                            GET recent exports, POST to ask for one (202)
exports/<id>/                       GET status, progress, problems and (once done) files
exports/<id>/archive                GET the zip (409 until it is finished)
exports/<id>/files/<path>           GET one file of it

Reads need the view role, asking for an export the edit role; architectures of
other workspaces are 404. Errors use the API's one format
(apps/architectures/api/errors.py); a bad target or option is a 400 naming it
(``targets[1]``, ``options.namespace``) and queues nothing.
"""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from apps.architectures.api.errors import ApiError
from apps.architectures.api.locate import architecture_for
from apps.architectures.api.schema import (
    READ_ERRORS,
    WORKSPACE_PARAMETER,
    WRITE_ERRORS,
    bodies,
    error,
)
from apps.architectures.api.urls import ARCHITECTURE
from apps.validation.api_base import ArchitectureApiView
from microservices.export import ExportOptions, all_exporters
from microservices.export.bundle import check_path
from microservices.spec import SpecValidationError

from . import downloads, schema, selectors, services
from .models import Export

COMMON = {"tags": ["exports"], "parameters": [WORKSPACE_PARAMETER]}
NOT_FINISHED = {409: error("The export has not finished (or failed): there is no archive yet.")}


def _url(request, name: str, slug: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"slug": slug, **kwargs}))


def export_data(request, export: Export, *, payload: bool = False) -> dict[str, Any]:
    slug = export.architecture.slug
    job = export.job
    data: dict[str, Any] = {
        "id": export.pk,
        "url": _url(request, "api-export-detail", slug, pk=export.pk),
        "job": job.pk,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "revision": export.revision,
        "targets": export.targets,
        "options": export.options,
        "files_done": export.files_done,
        "files_total": export.files_total,
        "size": export.size,
        "problem_counts": export.problem_counts,
        "created_by": export.created_by.get_username() if export.created_by else None,
        "created_at": export.created_at,
        "finished_at": export.finished_at,
        "archive": None,
        "files_url": None,
    }
    if export.is_complete:
        data["archive"] = _url(request, "api-export-archive", slug, pk=export.pk)
        data["files_url"] = data["url"] + "files/"
    if payload:
        data["problems"] = export.problems
        data["files"] = [{"path": row[0], "size": row[1]} for row in export.files]
    return data


def _body(request) -> dict:
    if not isinstance(request.data, dict):
        raise SpecValidationError.single("the body must be an object")
    return request.data


def _finished(architecture, pk: int, *, payload: bool = False) -> Export:
    export = selectors.export_of(architecture, pk, payload=payload)
    if not export.is_complete:
        state = f"failed: {export.job.error}" if export.job.status == "failed" else "not finished"
        raise ApiError(409, "not_finished", f"Export #{export.pk} has {state}; no archive.")
    return export


class DownloadNegotiation(DefaultContentNegotiation):
    """Downloads answer their own media type whatever Accept says; only their errors
    go through a renderer, the first one when none is acceptable."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


class ExportTargetListView(ArchitectureApiView):
    """The targets an export can name, what each reads, and every option's schema."""

    @extend_schema(
        operation_id="export_targets",
        summary="List the export targets and their options",
        responses={200: schema.ExportTargetCatalogue, 401: READ_ERRORS[401]},
        tags=["exports"],
    )
    def get(self, request):
        targets = [
            {
                "name": exporter.name,
                "title": exporter.title,
                "description": exporter.description,
                "options": list(exporter.options),
            }
            for exporter in all_exporters().values()
        ]
        return Response(
            {
                "targets": targets,
                "options_schema": ExportOptions.model_json_schema(),
                "option_defaults": ExportOptions().model_dump(mode="json"),
            }
        )


class ExportListView(ArchitectureApiView):
    """An architecture's exports: the recent ones, or a new one."""

    @extend_schema(
        operation_id="export_list",
        summary="List the architecture's recent exports",
        responses={200: schema.ExportList, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        exports = selectors.recent_exports(architecture)
        for export in exports:
            export.architecture = architecture
        return Response([export_data(request, export) for export in exports])

    @extend_schema(
        operation_id="export_create",
        summary="Export the architecture's manifests",
        description="Checks the targets and options, then queues an export job. Follow "
        "`url` until `status` is finished, then download `archive`.",
        request=bodies(schema.ExportRequest),
        responses={202: schema.ExportAccepted, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str):
        architecture = architecture_for(request, slug)
        body = _body(request)
        unknown = sorted(set(body) - {"targets", "options"})
        if unknown:
            raise SpecValidationError.single("unknown field", (unknown[0],))
        export = services.request_export(
            actor=request.user,
            architecture=architecture,
            targets=body.get("targets"),
            options=body.get("options"),
        )
        job = type(export.job).objects.without_payload().get(pk=export.job_id)
        accepted = {
            "id": export.pk,
            "url": _url(request, "api-export-detail", architecture.slug, pk=export.pk),
            "job": job.pk,
            "status": job.status,
            "progress": job.progress,
            "message": job.message,
        }
        return Response(accepted, status=status.HTTP_202_ACCEPTED)


class ExportDetailView(ArchitectureApiView):
    """One export: its job's status, files done of files planned, problems and files."""

    @extend_schema(
        operation_id="export_retrieve",
        summary="Get an export: status, progress, problems and (once finished) its files",
        responses={200: schema.ExportResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        export = selectors.export_of(architecture, pk, payload=True)
        export.architecture = architecture
        return Response(export_data(request, export, payload=True))


class ExportArchiveView(ArchitectureApiView):
    """The zip of a finished export: one folder per target, and a README."""

    content_negotiation_class = DownloadNegotiation

    @extend_schema(
        operation_id="export_archive",
        summary="Download an export's zip",
        responses={
            (200, downloads.ZIP_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description="Every file, one folder per target."
            ),
            **READ_ERRORS,
            **NOT_FINISHED,
        },
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        export = _finished(architecture, pk)
        export.architecture = architecture
        data = selectors.archive_data(export)
        if data is None:
            raise ApiError(409, "not_finished", f"Export #{export.pk} has no archive.")
        return downloads.archive_response(export, data)


class ExportFileView(ArchitectureApiView):
    """One file of a finished export, read from the archive without unpacking it all."""

    content_negotiation_class = DownloadNegotiation

    @extend_schema(
        operation_id="export_file",
        summary="Download one file of an export",
        responses={
            (200, "text/plain"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The file (YAML files as application/yaml, JSON as "
                "application/json, others as text/plain).",
            ),
            **READ_ERRORS,
            **NOT_FINISHED,
        },
        **COMMON,
    )
    def get(self, request, slug: str, pk: int, file: str):
        architecture = architecture_for(request, slug)
        try:
            check_path(file)
        except ValueError:
            raise ApiError(404, "not_found", "No such file in the export.") from None
        export = _finished(architecture, pk, payload=True)
        entry = selectors.file_entry(export, file)
        return downloads.file_response(entry.path, selectors.file_content(export, entry))


E = f"{ARCHITECTURE}exports/"
urlpatterns = [
    path("export-targets/", ExportTargetListView.as_view(), name="api-export-targets"),
    path(E, ExportListView.as_view(), name="api-export-list"),
    path(f"{E}<int:pk>/", ExportDetailView.as_view(), name="api-export-detail"),
    path(f"{E}<int:pk>/archive", ExportArchiveView.as_view(), name="api-export-archive"),
    path(f"{E}<int:pk>/files/<path:file>", ExportFileView.as_view(), name="api-export-file"),
]
