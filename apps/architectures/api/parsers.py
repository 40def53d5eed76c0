"""JSON and YAML request bodies, read safely and within the document limits.

Errors keep their line numbers (they are SpecValidationErrors, which the error
handler formats), and a body over the limit is a 413 that names the limit.
"""

from django.conf import settings
from rest_framework.parsers import BaseParser

from microservices.spec import DocumentLimits, load_document

from .errors import ApiError

YAML_MEDIA_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")


def document_limits() -> DocumentLimits:
    return DocumentLimits(max_bytes=settings.SPEC_UPLOAD_MAX_BYTES)


def payload_too_large(size: int | None, limit: int) -> ApiError:
    what = f"is {size:,} bytes" if size else "is larger than that"
    return ApiError(
        413,
        "too_large",
        f"the body {what}; the limit is {limit:,} bytes (SPEC_UPLOAD_MAX_BYTES)",
    )


def declared_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def read_limited(stream, limit: int, request=None) -> bytes:
    """The whole stream, or a 413 as soon as it is longer than `limit` bytes."""
    content = stream.read(limit + 1) if stream else b""
    if len(content) > limit:  # stop reading: the rest is not wanted
        raise payload_too_large(declared_length(request) if request else None, limit)
    return content


class DocumentParser(BaseParser):
    fmt = "yaml"

    def parse(self, stream, media_type=None, parser_context=None):
        limits = document_limits()
        request = (parser_context or {}).get("request")
        content = read_limited(stream, limits.max_bytes, request)
        return load_document(content, self.fmt, limits)


class JSONDocumentParser(DocumentParser):
    media_type = "application/json"
    fmt = "json"


class MergePatchParser(JSONDocumentParser):
    media_type = "application/merge-patch+json"


class YAMLParser(DocumentParser):
    media_type = "application/yaml"


class YAMLAliasParser(YAMLParser):
    media_type = "application/x-yaml"


class YAMLTextParser(YAMLParser):
    media_type = "text/yaml"


BODY_PARSERS = [JSONDocumentParser, YAMLParser, YAMLAliasParser, YAMLTextParser, MergePatchParser]
