"""One error format for every API response that is not a success.

    {"status": 400, "code": "invalid", "detail": "one sentence",
     "errors": [{"field": "services[2].name", "message": "...", "line": 12}]}

`errors` lists what is wrong field by field (empty when the problem is not about
a field); `line` appears for uploaded documents.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from microservices.spec import SpecValidationError

from ..selectors import AmbiguousSlug
from ..services import ServiceInUse
from ..services.architectures import StaleVersion


class ApiError(exceptions.APIException):
    """An error with any status that names the fields it is about (e.g. 404 on `workspace`)."""

    def __init__(
        self, status_code: int, code: str, detail: str, errors: list[dict] | None = None, **extra
    ):
        super().__init__(detail, code)
        self.status_code = status_code
        self.code = code
        self.errors = errors or []
        self.extra = extra  # more members of the body, e.g. the current etag of a 412


class PreconditionFailed(ApiError):
    """412: If-Match does not name the current state; the body says what the current one is."""

    def __init__(self, etag: str | None, version: int | None):
        detail = (
            "It was deleted since you read it."
            if etag is None
            else f"It changed since you read it: the current ETag is {etag}. "
            "Read it again, reapply your change and send the new ETag."
        )
        errors = [{"field": "If-Match", "message": detail}]
        super().__init__(412, "precondition_failed", detail, errors, etag=etag, version=version)


def error_response(
    status_code: int, code: str, detail: str, errors: list[dict] | None = None, **extra
) -> Response:
    body = {"status": status_code, "code": code, "detail": detail, "errors": errors or []}
    body.update(extra)
    return Response(body, status=status_code)


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error details as a flat list of field errors."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            field = (
                prefix
                if key in ("non_field_errors", "detail")
                else (f"{prefix}.{key}" if prefix else str(key))
            )
            items.extend(_flatten(value, field))
        return items
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [{"field": prefix, "message": str(item)} for item in detail]
        items = []
        for index, item in enumerate(detail):
            items.extend(_flatten(item, f"{prefix}[{index}]"))
        return items
    return [{"field": prefix, "message": str(detail)}]


def spec_error_response(exc: SpecValidationError) -> Response:
    count = len(exc.errors)
    detail = exc.errors[0].message if count == 1 else f"{count} problems were found."
    return error_response(
        status.HTTP_400_BAD_REQUEST, "invalid", detail, [e.as_dict() for e in exc.errors]
    )


def exception_handler(exc, context):
    if isinstance(exc, SpecValidationError):
        return spec_error_response(exc)
    if isinstance(exc, StaleVersion):  # refused by the service under the row lock
        exc = PreconditionFailed(None if exc.current is None else f'"{exc.current}"', exc.current)
    if isinstance(exc, ApiError):
        response = error_response(
            exc.status_code, exc.code, str(exc.detail), exc.errors, **exc.extra
        )
        if exc.extra.get("etag"):
            response["ETag"] = exc.extra["etag"]
        return response
    if isinstance(exc, AmbiguousSlug):
        return error_response(
            400, "ambiguous", str(exc), [{"field": "workspace", "message": str(exc)}]
        )
    if isinstance(exc, ServiceInUse):
        return error_response(
            409,
            "in_use",
            f"{exc.service.name} is referenced; delete with ?on_reference=placeholder to keep "
            "it as a placeholder, or remove the references first.",
            [{"field": "", "message": reference} for reference in exc.references],
            references=exc.references,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = errors[0]["message"] if len(errors) == 1 else f"{len(errors)} problems were found."
        code = "invalid"
    else:
        errors = []
        detail = str(getattr(exc, "detail", exc))
        code = getattr(exc, "default_code", "error")
    formatted = error_response(response.status_code, code, detail, errors)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            formatted[header] = response[header]
    return formatted
