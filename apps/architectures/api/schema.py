"""OpenAPI: the spec classes as schemas, the error format, token authentication.

Request and response bodies are the spec model's pydantic classes (through
drf-spectacular's PydanticExtension, registered by importing it here), so the
published schema cannot drift from the rules the API applies.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from drf_spectacular.contrib import pydantic as _pydantic_extension  # noqa: F401 -- registers it
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from pydantic import BaseModel, Field, RootModel, create_model

from microservices.spec.model import ArchitectureFields, SpecModel

from ..concepts import SERVICES, Concept
from .representation import document_class


class FieldError(BaseModel):
    field: str = Field(description="Where: a path such as services[2].name; empty for the whole.")
    message: str
    line: int | None = Field(default=None, description="The line, for uploaded documents.")


class Error(BaseModel):
    """Every response that is not a success has this shape."""

    status: int = Field(description="The HTTP status, repeated.")
    code: str = Field(description="invalid, not_found, permission_denied, in_use, too_large, ...")
    detail: str = Field(description="One sentence for a person.")
    errors: list[FieldError] = Field(description="What is wrong, field by field (may be empty).")


class StaleError(Error):
    """What a 412 answers: the error, and the state the write would have to start from."""

    etag: str | None = Field(description="The current ETag; null when the object is gone.")
    version: int | None = Field(description="The version (for a whole spec, the revision).")


class ArchitectureCreate(ArchitectureFields):
    workspace: str | None = Field(
        default=None, description="Workspace slug; needed when you can edit several."
    )


class ArchitectureResource(ArchitectureFields):
    workspace: str
    revision: int = Field(description="Counts every change to anything in the architecture.")
    version: int = Field(description="Counts changes to the fields above.")
    service_count: int = Field(description="Defined services (placeholders are not counted).")
    created_at: datetime
    updated_at: datetime
    links: dict[str, str] = Field(description="self, spec and each collection, as URLs.")


class SpecSummary(BaseModel):
    """What PUT …/spec/ answers."""

    slug: str
    workspace: str
    revision: int
    created: int = Field(description="Objects created.")
    updated: int = Field(description="Objects changed.")
    deleted: int = Field(description="Objects removed.")


def error(description: str) -> OpenApiResponse:
    return OpenApiResponse(Error, description)


READ_ERRORS = {
    401: error("No valid token (or session)."),
    404: error("No such object in your workspaces (outsiders always get 404)."),
}
WRITE_ERRORS = {
    400: error("The body breaks a rule of the spec model; `errors` names each field."),
    403: error("Your role in the workspace does not allow changes."),
    **READ_ERRORS,
}

ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="Strong tag of this state; send it back in If-Match to change or delete it.",
)
IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The ETag your change starts from (or *): refused with 412 when someone "
    "changed it since. Optional: without it the write is made whatever the current state.",
)
PRECONDITION_FAILED = {
    412: OpenApiResponse(StaleError, "If-Match names a state that is no longer current."),
}

WORKSPACE_PARAMETER = OpenApiParameter(
    "workspace",
    str,
    OpenApiParameter.QUERY,
    description="Workspace slug, when the architecture slug exists in several of yours.",
)


def bodies(model) -> dict:
    """A request body as JSON or YAML (the merge-patch type is for PATCH only)."""
    return {"application/json": model, "application/yaml": model}


MERGE_PATCH = {
    media_type: OpenApiTypes.OBJECT
    for media_type in ("application/json", "application/merge-patch+json", "application/yaml")
}


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "apps.accounts.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>` (or `Bearer <key>`); create keys with POST /api/tokens/.",
        }


@cache
def resource_model(concept: Concept) -> type[BaseModel]:
    """What the API answers for one object: its spec class, plus `id` where URLs use it."""
    body = document_class(concept)
    if not concept.by_id:
        return body
    return create_model(
        f"{body.__name__}Resource",
        __base__=body,
        id=(int, Field(description="Addresses it in URLs.", json_schema_extra={"readOnly": True})),
    )


@cache
def order_model(concept: Concept) -> type[SpecModel]:
    """The body of POST …/reorder/: every child's id (routes) or name (steps), in order."""
    key = int if concept.by_id else str
    what = "id" if concept.by_id else concept.natural_key
    return create_model(
        f"{document_class(concept).__name__}Order",
        __base__=SpecModel,
        order=(list[key], Field(description=f"Every {concept.label}'s {what}, in the new order.")),
    )


def decorate_concept_viewset(viewset: type, concept: Concept) -> type:
    body, resource = document_class(concept), resource_model(concept)
    operation = concept.key.replace("-", "_")
    tags = [concept.key]
    common = {"tags": tags, "parameters": [WORKSPACE_PARAMETER]}
    tagged = {"tags": tags, "parameters": [WORKSPACE_PARAMETER, ETAG_HEADER]}
    conditional = {
        "tags": tags,
        "parameters": [WORKSPACE_PARAMETER, ETAG_HEADER, IF_MATCH_PARAMETER],
    }
    created = {201: resource} if concept.singleton else {}
    destroy_parameters = []
    destroy_responses = {204: None, **WRITE_ERRORS, **PRECONDITION_FAILED}
    if concept is SERVICES:
        destroy_parameters = [
            OpenApiParameter(
                "on_reference",
                str,
                enum=["refuse", "placeholder"],
                description="When others reference the service: refuse (409, the default) or "
                "keep it as a placeholder (200, answers the placeholder).",
            )
        ]
        destroy_responses.update({200: resource, 409: error("Referenced; lists the references.")})
    schemas = {
        "list": extend_schema(
            operation_id=f"{operation}_list",
            summary=f"List {concept.plural_label}",
            responses={200: resource, **READ_ERRORS},
            **common,
        ),
        "retrieve": extend_schema(
            operation_id=f"{operation}_retrieve",
            summary=f"Get a {concept.label}",
            responses={200: resource, **READ_ERRORS},
            **tagged,
        ),
        "create": extend_schema(
            operation_id=f"{operation}_create",
            summary=f"Create a {concept.label}",
            request=bodies(body),
            responses={201: resource, **WRITE_ERRORS},
            **tagged,
        ),
        "update": extend_schema(
            operation_id=f"{operation}_update",
            summary=f"Replace a {concept.label}" + (" (or create it)" if created else ""),
            request=bodies(body),
            responses={200: resource, **created, **WRITE_ERRORS, **PRECONDITION_FAILED},
            **conditional,
        ),
        "partial_update": extend_schema(
            operation_id=f"{operation}_partial_update",
            summary=f"Change some fields of a {concept.label} (JSON merge patch)",
            request=MERGE_PATCH,
            responses={200: resource, **WRITE_ERRORS, **PRECONDITION_FAILED},
            **conditional,
        ),
        "destroy": extend_schema(
            operation_id=f"{operation}_destroy",
            summary=f"Delete a {concept.label}",
            responses=destroy_responses,
            tags=tags,
            parameters=[WORKSPACE_PARAMETER, IF_MATCH_PARAMETER, *destroy_parameters],
        ),
    }
    if concept.ordered:
        listed = RootModel[list[resource]]
        listed.__name__ = f"{body.__name__}List"
        schemas["reorder"] = extend_schema(
            operation_id=f"{operation}_reorder",
            summary=f"Reorder the {concept.plural_label}",
            request=bodies(order_model(concept)),
            responses={200: listed, **WRITE_ERRORS},
            **common,
        )
    if concept.singleton:
        schemas.pop("list")
        schemas.pop("create")
    return extend_schema_view(**schemas)(viewset)
