"""An architecture as one spec document: GET it, or PUT one to create or replace it.

This is what `Microservices.push()` and `Microservices.pull()` talk to. The body
is read raw (not through DRF's parsers) so that every error carries its line.
The slug in the URL wins over the document's: pushing a document under another
slug stores it there, and the document's `slug` is only a default for clients.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.workspaces.access import Action, check_role, role_in
from microservices.spec import Architecture as SpecArchitecture
from microservices.spec import SpecValidationError, architecture_to_data, parse_architecture
from microservices.spec.names import is_dns_label

from ... import services
from ...models import Architecture
from ...selectors import AmbiguousSlug, architecture_spec
from ..errors import PreconditionFailed
from ..locate import architecture_for, workspace_param, workspace_to_create_in
from ..parsers import (
    YAML_MEDIA_TYPES,
    declared_length,
    document_limits,
    payload_too_large,
    read_limited,
)
from ..preconditions import check_if_match, quoted, require_if_match
from ..renderers import YAMLRenderer
from ..schema import (
    ETAG_HEADER,
    PRECONDITION_FAILED,
    READ_ERRORS,
    WORKSPACE_PARAMETER,
    WRITE_ERRORS,
    SpecSummary,
    error,
)
from .base import DescriptionMetadata

SPEC_IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="Required to replace an existing architecture: the spec's ETag (its "
    "revision) your document starts from, or *. Not needed to create one.",
)
SPEC_IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    enum=["*"],
    description="* to create only: 412 when the architecture already exists.",
)
FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "yaml"], description="Instead of the Accept header."
)


def body_format(request) -> str | None:
    """json or yaml from the Content-Type; None to guess from the text."""
    media_type = (request.content_type or "").split(";")[0].strip().lower()
    if media_type.endswith("json"):
        return "json"
    if media_type in YAML_MEDIA_TYPES:
        return "yaml"
    return None


def read_document(request) -> bytes:
    """The raw body, refusing (413) anything over the limit before reading much of it."""
    limit = settings.SPEC_UPLOAD_MAX_BYTES
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise payload_too_large(declared, limit)
    return read_limited(request.stream, limit, request)


def existing_architecture(request, slug: str) -> Architecture | None:
    """The architecture PUT replaces, checked for edit; None when it is to be created."""
    candidates = Architecture.objects.for_user(request.user).filter(slug=slug)
    if workspace := workspace_param(request):
        candidates = candidates.filter(workspace__slug=workspace)
    found = list(candidates.select_related("workspace")[:10])
    if len(found) > 1:
        raise AmbiguousSlug(slug, sorted(a.workspace.slug for a in found))
    if not found:
        return None
    check_role(role_in(request.user, found[0].workspace), Action.EDIT, "this architecture")
    return found[0]


def check_preconditions(request, architecture: Architecture | None) -> None:
    """Creating needs none; replacing needs If-Match naming the current revision (428
    without it, 412 when stale). Called in the import's transaction: the row stays locked
    until the import commits, and every other writer updates that row when it commits."""
    if architecture is None:
        if request.headers.get("If-Match") is not None:
            check_if_match(request, None, None)  # there is nothing to match
        return
    locked = Architecture.objects.select_for_update(no_key=True).filter(pk=architecture.pk)
    revision = locked.values_list("revision", flat=True).get()
    if request.headers.get("If-None-Match") == "*":
        raise PreconditionFailed(quoted(revision), revision)
    require_if_match(request)
    check_if_match(request, quoted(revision), revision)


class ArchitectureSpecView(APIView):
    renderer_classes = [JSONRenderer, YAMLRenderer]
    parser_classes = []  # the body is read raw, see read_document()
    metadata_class = DescriptionMetadata

    @extend_schema(
        operation_id="architecture_spec_retrieve",
        summary="Get the architecture as its spec document",
        tags=["specs"],
        parameters=[WORKSPACE_PARAMETER, FORMAT_PARAMETER, ETAG_HEADER],
        responses={200: SpecArchitecture, **READ_ERRORS},
    )
    def get(self, request, slug: str, format=None):
        architecture = architecture_for(request, slug)
        data = architecture_to_data(architecture_spec(architecture))
        return Response(data, headers={"ETag": quoted(architecture.revision)})

    @extend_schema(
        operation_id="architecture_spec_update",
        summary="Create or replace the architecture from a spec document",
        description="The URL's slug wins over the document's. 201 when the architecture was "
        "created (name the workspace with ?workspace= when you can edit several), 200 when "
        "replaced. All or nothing: an invalid document changes nothing, and its errors carry "
        "line numbers.",
        tags=["specs"],
        parameters=[WORKSPACE_PARAMETER, SPEC_IF_MATCH, SPEC_IF_NONE_MATCH, ETAG_HEADER],
        request={"application/json": SpecArchitecture, "application/yaml": SpecArchitecture},
        responses={
            200: SpecSummary,
            201: SpecSummary,
            413: error("The body is over the upload limit."),
            **PRECONDITION_FAILED,
            428: error("Replacing an existing architecture without If-Match."),
            **WRITE_ERRORS,
        },
    )
    def put(self, request, slug: str, format=None):
        architecture = existing_architecture(request, slug)
        workspace = (
            architecture.workspace
            if architecture
            else workspace_to_create_in(request.user, workspace_param(request))
        )
        if not is_dns_label(slug):
            raise SpecValidationError.single(f"{slug!r} is not a DNS-1123 label", ("slug",))
        document = read_document(request)
        spec = parse_architecture(document, body_format(request), document_limits())
        with transaction.atomic():
            check_preconditions(request, architecture)
            stored, counts = services.import_spec(
                actor=request.user,
                workspace=workspace,
                spec=spec.model_copy(update={"slug": slug}),
                architecture=architecture,
            )
        summary = {"slug": stored.slug, "workspace": workspace.slug, "revision": stored.revision}
        summary.update(counts.as_dict())
        created = architecture is None
        return Response(
            summary,
            status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"ETag": quoted(stored.revision)},
        )
