"""The spec: model, canonical form and documents of one architecture."""

from .documents import (
    FORMATS,
    architecture_from_data,
    architecture_to_data,
    dump_architecture,
    dump_data,
    load_document,
    parse_architecture,
)
from .errors import SpecError, SpecValidationError, format_loc
from .limits import DEFAULT_LIMITS, DocumentLimits
from .model import API_VERSION, KIND, Architecture
from .normalize import normalize, service_references, slugify

__all__ = [
    "API_VERSION",
    "DEFAULT_LIMITS",
    "FORMATS",
    "KIND",
    "Architecture",
    "DocumentLimits",
    "SpecError",
    "SpecValidationError",
    "architecture_from_data",
    "architecture_to_data",
    "dump_architecture",
    "dump_data",
    "format_loc",
    "load_document",
    "normalize",
    "parse_architecture",
    "service_references",
    "slugify",
]
