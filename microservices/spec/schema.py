"""The published JSON Schema of the spec document.

Generated from the spec model, so it cannot disagree with it about fields, types
and patterns. Some rules need the whole document (unique names, one publisher per
event, a placeholder carries only its name) and are checked by the engine only.
`architecture-v1.schema.json`, next to this module, is this schema as published;
a test keeps the two identical.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import API_VERSION, Architecture

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://microservices-designer.dev/schemas/architecture-v1.json"
SCHEMA_FILE = Path(__file__).with_name("architecture-v1.schema.json")


def architecture_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one architecture document."""
    schema = Architecture.model_json_schema()
    properties = schema["properties"]
    # The model accepts only this version; say so in the schema, not just in a default.
    properties["apiVersion"] = {**properties["apiVersion"], "const": API_VERSION}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        **schema,
        "title": "Microservices Designer architecture",
        "description": (
            f"One architecture described with Microservices Designer ({API_VERSION}): its "
            "services with what belongs to each, and the cross-cutting gateways, mesh, "
            "resilience policies and sagas. A service that is only referenced is listed "
            "as a placeholder. Names of services, gateways and sagas are DNS-1123 labels."
        ),
    }


def architecture_json_schema_text() -> str:
    """The schema as published: sorted keys, two-space indent, a final newline."""
    return json.dumps(architecture_json_schema(), indent=2, sort_keys=True) + "\n"
