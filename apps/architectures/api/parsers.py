"""YAML request bodies, read safely and within the document limits."""

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from microservices.spec import DocumentLimits, SpecValidationError, load_document

YAML_MEDIA_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")


def document_limits() -> DocumentLimits:
    return DocumentLimits(max_bytes=settings.SPEC_UPLOAD_MAX_BYTES)


class YAMLParser(BaseParser):
    media_type = "application/yaml"

    def parse(self, stream, media_type=None, parser_context=None):
        limits = document_limits()
        content = stream.read(limits.max_bytes + 1) if stream else b""
        try:
            return load_document(content, "yaml", limits)
        except SpecValidationError as exc:
            raise ParseError(str(exc)) from None


class YAMLAliasParser(YAMLParser):
    media_type = "application/x-yaml"


class YAMLTextParser(YAMLParser):
    media_type = "text/yaml"
