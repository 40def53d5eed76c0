"""Architectures themselves: list, create, read, change and delete their own fields."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from apps.workspaces.access import Action
from microservices.spec import SpecValidationError
from microservices.spec.model import ArchitectureFields

from ... import services
from ...models import Architecture
from ..bodies import body_object, merge_patch, string_param, validate
from ..locate import architecture_for, workspace_param, workspace_to_create_in
from ..preconditions import check_if_match, if_match_tags, quoted
from ..representation import architecture_data
from ..schema import (
    ETAG_HEADER,
    IF_MATCH_PARAMETER,
    MERGE_PATCH,
    PRECONDITION_FAILED,
    READ_ERRORS,
    WORKSPACE_PARAMETER,
    WRITE_ERRORS,
    ArchitectureCreate,
    ArchitectureResource,
    bodies,
)
from .base import ApiViewSet

# Sent back by clients that PUT what they GOT; like DRF's read-only fields, ignored.
READ_ONLY = ("revision", "version", "service_count", "created_at", "updated_at", "links")
OWN_FIELDS = tuple(ArchitectureFields.model_fields)

common = {"tags": ["architectures"], "parameters": [WORKSPACE_PARAMETER, ETAG_HEADER]}
conditional = {
    "tags": ["architectures"],
    "parameters": [WORKSPACE_PARAMETER, ETAG_HEADER, IF_MATCH_PARAMETER],
}


@extend_schema_view(
    list=extend_schema(
        operation_id="architectures_list",
        summary="List the architectures of your workspaces",
        parameters=[
            OpenApiParameter("workspace", str, description="Only this workspace's (its slug).")
        ],
        tags=["architectures"],
        responses={200: ArchitectureResource, **READ_ERRORS},
    ),
    create=extend_schema(
        operation_id="architectures_create",
        summary="Create an empty architecture",
        tags=["architectures"],
        request=bodies(ArchitectureCreate),
        parameters=[ETAG_HEADER],
        responses={201: ArchitectureResource, **WRITE_ERRORS},
    ),
    retrieve=extend_schema(
        operation_id="architectures_retrieve",
        summary="Get an architecture",
        responses={200: ArchitectureResource, **READ_ERRORS},
        **common,
    ),
    update=extend_schema(
        operation_id="architectures_update",
        summary="Replace an architecture's own fields",
        request=bodies(ArchitectureFields),
        responses={200: ArchitectureResource, **WRITE_ERRORS, **PRECONDITION_FAILED},
        **conditional,
    ),
    partial_update=extend_schema(
        operation_id="architectures_partial_update",
        summary="Change some of an architecture's own fields (JSON merge patch)",
        request=MERGE_PATCH,
        responses={200: ArchitectureResource, **WRITE_ERRORS, **PRECONDITION_FAILED},
        **conditional,
    ),
    destroy=extend_schema(
        operation_id="architectures_destroy",
        summary="Delete an architecture and everything in it",
        responses={204: None, **WRITE_ERRORS, **PRECONDITION_FAILED},
        tags=["architectures"],
        parameters=[WORKSPACE_PARAMETER, IF_MATCH_PARAMETER],
    ),
)
class ArchitectureViewSet(ApiViewSet):
    def get_queryset(self):
        architectures = (
            Architecture.objects.for_user(self.request.user)
            .with_service_count()
            .select_related("workspace")
        )
        if workspace := workspace_param(self.request):
            architectures = architectures.filter(workspace__slug=workspace)
        return architectures.order_by("name", "workspace__slug")

    def answer(self, architecture: Architecture, status_code: int = status.HTTP_200_OK):
        fresh = (
            Architecture.objects.filter(pk=architecture.pk)
            .with_service_count()
            .select_related("workspace")
            .get()
        )
        data = architecture_data(self.request, fresh)
        headers = {"ETag": quoted(fresh.version)}
        if status_code == status.HTTP_201_CREATED:
            headers["Location"] = data["links"]["self"]
        return Response(data, status_code, headers=headers)

    def expected_version(self, architecture: Architecture) -> int | None:
        """The version If-Match names (412 when stale); None when the write is unconditional."""
        check_if_match(self.request, quoted(architecture.version), architecture.version)
        return architecture.version if if_match_tags(self.request) is not None else None

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([architecture_data(request, a) for a in page])

    def create(self, request, *args, **kwargs):
        body = body_object(request, READ_ONLY)
        workspace = workspace_to_create_in(request.user, string_param(body, "workspace"))
        body.pop("workspace", None)
        fields = validate(ArchitectureFields, body)
        architecture = services.create_architecture(
            actor=request.user, workspace=workspace, fields=fields
        )
        return self.answer(architecture, status.HTTP_201_CREATED)

    def retrieve(self, request, slug: str, *args, **kwargs):
        return self.answer(architecture_for(request, slug))

    def update(self, request, slug: str, *args, **kwargs):
        architecture = architecture_for(request, slug, Action.EDIT)
        return self.change(architecture, body_object(request, READ_ONLY))

    def partial_update(self, request, slug: str, *args, **kwargs):
        architecture = architecture_for(request, slug, Action.EDIT)
        current = {field: getattr(architecture, field) for field in OWN_FIELDS}
        return self.change(architecture, merge_patch(current, body_object(request, READ_ONLY)))

    def change(self, architecture: Architecture, body: dict):
        workspace = string_param(body, "workspace")
        if workspace not in (None, architecture.workspace.slug):
            raise SpecValidationError.single(
                "an architecture stays in its workspace; export its spec and PUT it into the "
                "other workspace to copy it",
                ("workspace",),
            )
        body.pop("workspace", None)
        fields = validate(ArchitectureFields, body)
        services.update_architecture(
            actor=self.request.user,
            architecture=architecture,
            fields=fields,
            expected_version=self.expected_version(architecture),
        )
        return self.answer(architecture)

    def destroy(self, request, slug: str, *args, **kwargs):
        architecture = architecture_for(request, slug, Action.EDIT)
        services.delete_architecture(
            actor=request.user,
            architecture=architecture,
            expected_version=self.expected_version(architecture),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
