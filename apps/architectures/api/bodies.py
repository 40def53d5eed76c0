"""Request bodies: one JSON/YAML object, validated by a spec class.

The spec model is the only judge of what a body may contain; this module only
makes sure it is an object, merges partial updates and turns pydantic's errors
into SpecValidationErrors (which the error handler formats).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.http import QueryDict
from pydantic import BaseModel, ValidationError

from microservices.spec import SpecValidationError
from microservices.spec.errors import from_pydantic

M = TypeVar("M", bound=BaseModel)


def body_object(request, read_only: Iterable[str] = ()) -> dict[str, Any]:
    """The request body as a dict, without the read-only keys a client may send back."""
    data = request.data
    if isinstance(data, QueryDict):  # no body at all
        if data:
            raise SpecValidationError.single("send the body as JSON or YAML, not as a form")
        data = {}
    if not isinstance(data, dict):
        raise SpecValidationError.single(
            f"the body must be an object (a JSON object or YAML mapping), not {_kind(data)}"
        )
    return {key: value for key, value in data.items() if key not in set(read_only)}


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"a {type(value).__name__}"


def validate(spec_class: type[M], data: Mapping[str, Any]) -> M:
    try:
        return spec_class.model_validate(data)
    except ValidationError as exc:
        raise from_pydantic(exc) from None


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch: objects merge key by key, null removes, the rest replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def string_param(data: Mapping[str, Any], key: str) -> str | None:
    """An optional string in a body (e.g. `workspace`), or a 400 naming it."""
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SpecValidationError.single("must be a string", (key,))
    return value
