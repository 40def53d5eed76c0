"""Constrained string types shared by the spec model.

Each type carries its JSON Schema pattern (so the published schema documents it)
and a validator with a message a person can act on.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

DNS_LABEL_PATTERN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
EVENT_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
IDENTIFIER_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
TECHNOLOGY_KEY_PATTERN = r"^[a-z][a-z0-9_-]*$"
WINDOW_PATTERN = r"^[1-9][0-9]*[mhdw]$"
HTTP_PATH_PATTERN = r"^/[^\s]*$"

_dns_label = re.compile(DNS_LABEL_PATTERN)
_event_name = re.compile(EVENT_NAME_PATTERN)
_identifier = re.compile(IDENTIFIER_PATTERN)
_technology_key = re.compile(TECHNOLOGY_KEY_PATTERN)
_window = re.compile(WINDOW_PATTERN)
_http_path = re.compile(HTTP_PATH_PATTERN)


def is_dns_label(value: str) -> bool:
    return len(value) <= 63 and bool(_dns_label.match(value))


def _check_dns_label(value: str) -> str:
    if not is_dns_label(value):
        raise ValueError(
            f"{value!r} is not a DNS-1123 label: use lowercase letters, digits and '-', "
            "start and end with a letter or digit, at most 63 characters (e.g. 'order-service')"
        )
    return value


def _check_event_name(value: str) -> str:
    if len(value) > 249 or not _event_name.match(value):
        raise ValueError(
            f"{value!r} is not an event name: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 249 characters (e.g. 'order.created')"
        )
    return value


def _check_identifier(value: str) -> str:
    if len(value) > 100 or not _identifier.match(value):
        raise ValueError(
            f"{value!r} is not an identifier: use letters, digits and '_', "
            "not starting with a digit, at most 100 characters (e.g. 'reserve_inventory')"
        )
    return value


def _check_technology_key(value: str) -> str:
    if len(value) > 40 or not _technology_key.match(value):
        raise ValueError(
            f"{value!r} is not a technology key: use lowercase letters, digits, '_' and '-' "
            "(e.g. 'language', 'message_broker')"
        )
    return value


def _check_window(value: str) -> str:
    if not _window.match(value):
        raise ValueError(
            f"{value!r} is not a time window: a whole number followed by m, h, d or w "
            "(e.g. '30d', '1h')"
        )
    return value


def _check_http_path(value: str) -> str:
    # `\s` lets NUL and other control characters through; they are never part of a path.
    if len(value) > 2048 or not _http_path.match(value) or _has_control_characters(value):
        raise ValueError(
            f"{value!r} is not an HTTP path: it must start with '/' and contain no spaces "
            "(e.g. '/orders/{order_id}')"
        )
    return value


def _has_control_characters(value: str) -> bool:
    return any(ord(ch) < 32 and ch not in "\n\t" for ch in value)


def no_control_characters(value: str) -> str:
    if _has_control_characters(value):
        raise ValueError("control characters are not allowed")
    return value


DnsLabel = Annotated[
    str,
    Field(json_schema_extra={"pattern": DNS_LABEL_PATTERN, "maxLength": 63}),
    AfterValidator(_check_dns_label),
]
ServiceName = DnsLabel
EventName = Annotated[
    str,
    Field(json_schema_extra={"pattern": EVENT_NAME_PATTERN, "maxLength": 249}),
    AfterValidator(_check_event_name),
]
Identifier = Annotated[
    str,
    Field(json_schema_extra={"pattern": IDENTIFIER_PATTERN, "maxLength": 100}),
    AfterValidator(_check_identifier),
]
TechnologyKey = Annotated[
    str,
    Field(json_schema_extra={"pattern": TECHNOLOGY_KEY_PATTERN, "maxLength": 40}),
    AfterValidator(_check_technology_key),
]
Window = Annotated[
    str,
    Field(json_schema_extra={"pattern": WINDOW_PATTERN}),
    AfterValidator(_check_window),
]
HttpPath = Annotated[
    str,
    Field(json_schema_extra={"pattern": HTTP_PATH_PATTERN, "maxLength": 2048}),
    AfterValidator(_check_http_path),
]
ShortText = Annotated[
    str, Field(min_length=1, max_length=200), AfterValidator(no_control_characters)
]
LongText = Annotated[str, Field(max_length=5000), AfterValidator(no_control_characters)]


def _check_optional_dns_label(value: str) -> str:
    return value if value == "" else _check_dns_label(value)


OptionalDnsLabel = Annotated[
    str,
    Field(json_schema_extra={"pattern": f"^$|{DNS_LABEL_PATTERN}", "maxLength": 63}),
    AfterValidator(_check_optional_dns_label),
]
