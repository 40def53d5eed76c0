"""What every architecture API view shares: JSON or YAML in and out, no forms."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.metadata import SimpleMetadata
from rest_framework.renderers import JSONRenderer

from ..parsers import BODY_PARSERS
from ..renderers import YAMLRenderer


class DescriptionMetadata(SimpleMetadata):
    """OPTIONS answers name, description, renders and parses; bodies are in /api/schema/."""

    def determine_actions(self, request, view):
        return {}


class ApiViewSet(viewsets.GenericViewSet):
    renderer_classes = [JSONRenderer, YAMLRenderer]
    parser_classes = BODY_PARSERS
    metadata_class = DescriptionMetadata
    filter_backends = []
