"""The history API, under /api/architectures/<slug>/ (see apps/api_urls.py).

history/                         GET revisions, newest first (paginated)
history/<revision>/              GET one revision: who, when, why and each object's change
history/<revision>/restore/      POST: make the architecture what it was then (editors)
diff/?from=A&to=B                GET the semantic diff between two revisions
diff.svg?from=A&to=B             GET the same diff drawn as a dependency map (SVG)

Reads need the view role, restore the edit role; other workspaces' architectures
are 404.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from apps.architectures.api.errors import ApiError
from apps.architectures.api.locate import architecture_for
from apps.architectures.api.pagination import PagePagination
from apps.architectures.api.schema import READ_ERRORS, WORKSPACE_PARAMETER, WRITE_ERRORS
from apps.architectures.api.urls import ARCHITECTURE
from apps.diagrams.api import AnyAccept
from apps.diagrams.responses import wants_download
from apps.diagrams.schema import DOWNLOAD
from apps.validation.api_base import ArchitectureApiView
from microservices.diagrams import FORMAT_MEDIA_TYPES, RenderError

from . import selectors, services
from .drawing import diff_svg_response
from .representation import change_data, revision_data, revision_numbers

COMMON = {"tags": ["history"], "parameters": [WORKSPACE_PARAMETER]}
DIFF_PARAMETERS = [
    OpenApiParameter("from", int, OpenApiParameter.QUERY, description="Older revision."),
    OpenApiParameter("to", int, OpenApiParameter.QUERY, description="Newer revision."),
]


def revision_detail(architecture, number: int) -> dict:
    revision = selectors.get_revision(architecture, number)
    changes = revision.changes.all()
    return {**revision_data(revision), "changes": [change_data(c) for c in changes]}


class HistoryListView(ArchitectureApiView):
    @extend_schema(
        operation_id="history_list",
        summary="List the architecture's revisions, newest first",
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        paginator = PagePagination()
        page = paginator.paginate_queryset(selectors.revisions(architecture), request, view=self)
        return paginator.get_paginated_response([revision_data(r) for r in page])


class RevisionDetailView(ArchitectureApiView):
    @extend_schema(
        operation_id="history_retrieve",
        summary="One revision with the before and after of every object it changed",
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, number: int):
        architecture = architecture_for(request, slug)
        return Response(revision_detail(architecture, number))


class RestoreView(ArchitectureApiView):
    @extend_schema(
        operation_id="history_restore",
        summary="Restore the architecture to a revision, as a new revision",
        description="The message comes from `message` in the body or the "
        "`X-Change-Message` header.",
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str, number: int):
        architecture = architecture_for(request, slug)
        selectors.check_reachable(architecture, number)
        message = request.data.get("message", "") if isinstance(request.data, dict) else ""
        services.restore_revision(
            actor=request.user, architecture=architecture, number=number, message=str(message)
        )
        latest = selectors.revisions(architecture).first()
        return Response(revision_data(latest))


class DiffView(ArchitectureApiView):
    @extend_schema(
        operation_id="history_diff",
        summary="What changed between two revisions: services added, removed and renamed, "
        "field-by-field changes, dependencies added and removed",
        parameters=[WORKSPACE_PARAMETER, *DIFF_PARAMETERS],
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        tags=["history"],
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        old, new = revision_numbers(request.query_params, architecture.revision)
        diff = selectors.diff_between(architecture, old, new)
        return Response({"from": old, "to": new, **diff.as_dict()})


class DiffDrawingView(ArchitectureApiView):
    content_negotiation_class = AnyAccept

    @extend_schema(
        operation_id="history_diff_drawing",
        summary="The diff between two revisions drawn as a dependency map",
        description="Services and dependencies of both revisions: added ones green, removed "
        "ones red and dashed, changed services amber. On a large architecture only the "
        "changed services and their direct neighbours. Served with a "
        "Content-Security-Policy under which no script runs.",
        parameters=[WORKSPACE_PARAMETER, *DIFF_PARAMETERS, DOWNLOAD],
        responses={
            (200, FORMAT_MEDIA_TYPES["svg"]): OpenApiResponse(OpenApiTypes.BINARY),
            **READ_ERRORS,
        },
        tags=["history"],
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        old, new = revision_numbers(request.query_params, architecture.revision)
        try:
            return diff_svg_response(
                architecture, old, new, download=wants_download(request.query_params)
            )
        except RenderError as exc:
            raise ApiError(500, "render_failed", str(exc)) from None


urlpatterns = [
    path(f"{ARCHITECTURE}history/", HistoryListView.as_view(), name="api-history-list"),
    path(
        f"{ARCHITECTURE}history/<int:number>/",
        RevisionDetailView.as_view(),
        name="api-history-detail",
    ),
    path(
        f"{ARCHITECTURE}history/<int:number>/restore/",
        RestoreView.as_view(),
        name="api-history-restore",
    ),
    path(f"{ARCHITECTURE}diff/", DiffView.as_view(), name="api-history-diff"),
    path(f"{ARCHITECTURE}diff.svg", DiffDrawingView.as_view(), name="api-history-diff-svg"),
]
