"""A small OpenAPI 3.0 document of a service's endpoints: paths, methods and path
parameters, which is all the design says; responses are placeholders.
"""

from __future__ import annotations

import re
from typing import Any

from ..spec.enums import HttpMethod
from ..spec.model import Service
from .context import ExportContext

OPENAPI_VERSION = "3.0.3"
_PATH_PARAMETER = re.compile(r"\{([^{}/]+)\}")
_SUCCESS_STATUS = {HttpMethod.POST: "201", HttpMethod.DELETE: "204"}


def _operation(method: HttpMethod, path: str) -> dict[str, Any]:
    return {
        "summary": f"{method.value} {path}",
        "responses": {
            _SUCCESS_STATUS.get(method, "200"): {
                "description": "Success (the design does not describe the response)."
            }
        },
    }


def _path_item(path: str, methods: list[HttpMethod]) -> dict[str, Any]:
    item: dict[str, Any] = {method.value.lower(): _operation(method, path) for method in methods}
    names = list(dict.fromkeys(_PATH_PARAMETER.findall(path)))
    if names:
        # OpenAPI requires every templated segment to be declared as a required parameter.
        item["parameters"] = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in names
        ]
    return item


def openapi_document(ctx: ExportContext, service: Service, version: str) -> dict[str, Any]:
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": f"{service.name} API", "version": version},
        "servers": [{"url": f"http://{ctx.host(service.name)}:{ctx.options.container_port}"}],
        "paths": {
            endpoint.path: _path_item(endpoint.path, endpoint.methods)
            for endpoint in service.endpoints
        },
    }
