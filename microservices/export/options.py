"""The options of an export: what the design does not say but a cluster needs.

Every field has a default that works; the bundle's README states the values
used. Unknown options are errors, so a misspelt option is never silently ignored.
"""

from __future__ import annotations

from pydantic import Field

from ..spec.model import SpecModel
from ..spec.names import DnsLabel, OptionalDnsLabel

# A registry host (with an optional port) and path, as in `ghcr.io/acme/platform`.
IMAGE_REGISTRY_PATTERN = (
    r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*$"
)
# A Docker image tag.
IMAGE_TAG_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"
# A DNS name, optionally with a leading wildcard label, or "*" for every host.
HOST_PATTERN = (
    r"^(\*|(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$"
)


class ExportOptions(SpecModel):
    namespace: OptionalDnsLabel = Field(
        default="",
        description="Kubernetes namespace of every object; the architecture's slug when empty.",
    )
    image_registry: str = Field(
        default="registry.example.com",
        max_length=255,
        pattern=IMAGE_REGISTRY_PATTERN,
        description="Images are <image_registry>/<service>:<image_tag>.",
    )
    image_tag: str = Field(default="1.0.0", pattern=IMAGE_TAG_PATTERN)
    replicas: int = Field(default=2, ge=1, le=1000, description="Pods per service.")
    container_port: int = Field(
        default=8080, ge=1, le=65535, description="The port every service listens on."
    )
    ingress_host: str = Field(
        default="*",
        max_length=253,
        pattern=HOST_PATTERN,
        description="The host the API gateways answer to.",
    )
    kafka_cluster: DnsLabel = Field(
        default="kafka", description="The Strimzi Kafka cluster that owns the topics."
    )
