"""What every validation API view shares."""

from rest_framework.views import APIView

from apps.architectures.api.views.base import ApiViewSet


class ArchitectureApiView(APIView):
    """An API view under /api/architectures/{slug}/: the API's JSON and YAML renderers
    and parsers, as the architecture viewsets have."""

    renderer_classes = ApiViewSet.renderer_classes
    parser_classes = ApiViewSet.parser_classes
