"""The diagrams API, under /api/architectures/<slug>/ (see apps/api_urls.py).

diagrams/                      GET the views, each with its URL in every format
diagrams/<view>.<format>       GET the diagram (query options: domain, service, hops,
                               saga, collapse, expand, findings, download); 202 and a
                               job when a large one has to be drawn first
diagrams/jobs/<job>/           GET a drawing job's status, and the diagram's URL once drawn
review-pack                    POST to ask for a review pack (202 and a job)
review-pack/<job>              GET its status
review-pack/<job>.pdf          GET the PDF

Reads need the view role, asking for a review pack the edit role; architectures
of other workspaces are 404. Errors use the API's one format, naming the
parameter at fault (apps/architectures/api/errors.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from apps.architectures.api.errors import ApiError
from apps.architectures.api.locate import architecture_for
from apps.architectures.api.schema import READ_ERRORS, WORKSPACE_PARAMETER, WRITE_ERRORS, error
from apps.architectures.api.urls import ARCHITECTURE
from apps.jobs.models import Job
from apps.validation.api_base import ArchitectureApiView
from apps.workspaces.access import Action
from microservices.diagrams import (
    FORMAT_MEDIA_TYPES,
    FORMATS,
    VIEWS,
    DiagramOptionError,
    RenderError,
)

from . import schema, selectors, services
from .models import Render, ReviewPack
from .options import DiagramRequestError, parse_request
from .responses import file_response, render_response, review_pack_filename, wants_download

COMMON = {"tags": ["diagrams"], "parameters": [WORKSPACE_PARAMETER]}
RETRY_AFTER_SECONDS = 1


class AnyAccept(BaseContentNegotiation):
    """Files answer in their own type; errors in JSON whatever the client accepts
    (a viewer asking for image/svg+xml still reads why it got none)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _url(request, name: str, architecture, query: dict[str, str] | None = None, **kwargs) -> str:
    url = reverse(name, kwargs={"slug": architecture.slug, **kwargs})
    query = {**(query or {}), "workspace": architecture.workspace.slug}
    return request.build_absolute_uri(f"{url}?{urlencode(query)}")


def _api_error(exc: DiagramRequestError) -> ApiError:
    code = "not_found" if exc.status == 404 else "invalid"
    return ApiError(exc.status, code, exc.message, [{"field": exc.field, "message": exc.message}])


def job_data(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


def accepted(job: Job, url: str) -> Response:
    response = Response({"job": job.pk, "url": url}, status=status.HTTP_202_ACCEPTED)
    response["Location"] = url
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ViewListView(ArchitectureApiView):
    @extend_schema(
        operation_id="diagram_view_list",
        summary="List the diagram views, with their URLs in every format",
        responses={200: schema.ViewResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        return Response(
            [
                {
                    "name": view.name,
                    "title": view.title,
                    "description": view.description,
                    "options": sorted(view.options),
                    "formats": {
                        fmt: _url(request, "api-diagram", architecture, view=view.name, fmt=fmt)
                        for fmt in FORMATS
                    },
                }
                for view in VIEWS.values()
            ]
        )


class DiagramView(ArchitectureApiView):
    content_negotiation_class = AnyAccept

    @extend_schema(
        operation_id="diagram_retrieve",
        summary="Get a diagram of the architecture",
        description="Answered from the render cache when this revision was drawn with these "
        "options before; drawn at once when the architecture is small; otherwise a job draws "
        "it and the answer is 202 with the job's URL (ask again once it has finished). Served "
        "with a Content-Security-Policy under which no script runs.",
        parameters=[
            OpenApiParameter("view", str, OpenApiParameter.PATH, enum=list(VIEWS)),
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS)),
            WORKSPACE_PARAMETER,
            *schema.DIAGRAM_OPTIONS,
            schema.DOWNLOAD,
        ],
        responses={
            **{
                (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=f"{fmt}")
                for fmt, media_type in FORMAT_MEDIA_TYPES.items()
            },
            202: schema.JobAccepted,
            400: error("An option is wrong; `errors` names it."),
            **READ_ERRORS,
        },
        tags=["diagrams"],
    )
    def get(self, request, slug: str, view: str, fmt: str):
        architecture = architecture_for(request, slug)
        try:
            diagram = parse_request(architecture, view, fmt, request.query_params)
        except DiagramRequestError as exc:
            raise _api_error(exc) from None
        try:
            found = services.diagram_or_job(architecture, diagram, request.user)
        except DiagramOptionError as exc:
            raise ApiError(400, "invalid", str(exc)) from None
        except RenderError as exc:
            raise ApiError(500, "render_failed", str(exc)) from None
        if isinstance(found, Render):
            return render_response(
                architecture.slug, found, download=wants_download(request.query_params)
            )
        return accepted(found, _url(request, "api-diagram-job", architecture, pk=found.pk))


class RenderJobView(ArchitectureApiView):
    @extend_schema(
        operation_id="diagram_job_retrieve",
        summary="Get a diagram drawing job's status",
        responses={200: schema.RenderJobResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        job = selectors.render_job(architecture, pk)
        if job is None:
            raise Http404
        data = job_data(job)
        data.update(view=job.input.get("view"), format=job.input.get("fmt"), download=None)
        data["notes"] = job.result.get("notes", [])
        if job.status == "succeeded":
            data["download"] = _url(
                request,
                "api-diagram",
                architecture,
                job.result.get("query") or {},
                view=job.input["view"],
                fmt=job.input["fmt"],
            )
        return Response(data)


class ReviewPackRequestView(ArchitectureApiView):
    @extend_schema(
        operation_id="review_pack_create",
        summary="Make a review pack (PDF) of the architecture",
        description="Queues a job, or answers the one already queued. Follow `url` until it "
        "finishes; its `pdf` is then the pack.",
        request=None,
        responses={202: schema.JobAccepted, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str):
        architecture = architecture_for(request, slug, Action.EDIT)
        job = services.request_review_pack(architecture, request.user)
        return accepted(job, _url(request, "api-review-pack", architecture, pk=job.pk))


def _review_pack_job(architecture, pk: int) -> Job:
    job = selectors.review_pack_job(architecture, pk)
    if job is None:
        raise Http404
    return job


class ReviewPackView(ArchitectureApiView):
    @extend_schema(
        operation_id="review_pack_retrieve",
        summary="Get a review pack job's status, and the PDF's URL once made",
        responses={200: schema.ReviewPackResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        job = _review_pack_job(architecture, pk)
        pack = selectors.review_pack_of(job)
        data = job_data(job)
        data.update(revision=None, pages=None, pdf=None)
        if pack is not None:
            data.update(
                revision=pack.revision,
                pages=pack.pages,
                pdf=_url(request, "api-review-pack-pdf", architecture, pk=job.pk),
            )
        return Response(data)


class ReviewPackPdfView(ArchitectureApiView):
    content_negotiation_class = AnyAccept

    @extend_schema(
        operation_id="review_pack_pdf",
        summary="Get a review pack's PDF (404 until it is made)",
        parameters=[WORKSPACE_PARAMETER, schema.DOWNLOAD],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            **READ_ERRORS,
        },
        tags=["diagrams"],
    )
    def get(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        job = _review_pack_job(architecture, pk)
        pack = selectors.review_pack_of(job)
        if pack is None:
            raise Http404("the review pack has not been made yet")
        pdf = ReviewPack.objects.values_list("pdf", flat=True).get(pk=pack.pk)
        filename = review_pack_filename(architecture.slug, pack.revision)
        return file_response(
            pdf, "application/pdf", filename, download=wants_download(request.query_params)
        )


D = f"{ARCHITECTURE}diagrams/"
P = f"{ARCHITECTURE}review-pack"
urlpatterns = [
    path(D, ViewListView.as_view(), name="api-diagram-list"),
    path(f"{D}jobs/<int:pk>/", RenderJobView.as_view(), name="api-diagram-job"),
    path(f"{D}<api_segment:view>.<api_segment:fmt>", DiagramView.as_view(), name="api-diagram"),
    path(P, ReviewPackRequestView.as_view(), name="api-review-pack-list"),
    path(f"{P}/<int:pk>", ReviewPackView.as_view(), name="api-review-pack"),
    path(f"{P}/<int:pk>.pdf", ReviewPackPdfView.as_view(), name="api-review-pack-pdf"),
]
