"""YAML responses (`Accept: application/yaml` or `?format=yaml`)."""

from rest_framework.renderers import BaseRenderer

from microservices.spec import dump_data


class YAMLRenderer(BaseRenderer):
    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return dump_data(data, "yaml").encode()
