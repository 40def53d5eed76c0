"""Objects of the whole architecture: gateways, the mesh, resilience policies."""

from __future__ import annotations

from django.db import models

from microservices.spec import enums

from .architecture import Architecture, ArchitectureObject
from .service import Service, enum_field


class Gateway(ArchitectureObject):
    name = models.CharField(max_length=63)
    authentication_type = enum_field(enums.AuthenticationType, null=True, blank=True)
    # The issuer is either a service of the architecture or an external URL.
    authentication_issuer = models.CharField(max_length=2048, blank=True, default="")
    authentication_issuer_service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    rate_limiting_requests_per_minute = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["architecture", "name"], name="gateway_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Route(ArchitectureObject):
    gateway = models.ForeignKey(Gateway, on_delete=models.CASCADE, related_name="routes")
    # Order matters: gateways match routes in order.
    position = models.PositiveIntegerField(default=0)
    path = models.CharField(max_length=2048)
    service = models.ForeignKey(Service, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["gateway", "path"], name="route_path_unique")
        ]


class Mesh(ArchitectureObject):
    architecture = models.OneToOneField(Architecture, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=63)
    mesh_type = enum_field(enums.MeshType)
    observability_tracing = models.BooleanField(default=False)
    observability_metrics = models.BooleanField(default=False)
    observability_logging = models.BooleanField(default=False)
    security_mtls = models.BooleanField(default=False)
    security_authorization = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "meshes"


class CircuitBreaker(ArchitectureObject):
    service = models.OneToOneField(Service, on_delete=models.RESTRICT, related_name="+")
    failure_threshold = models.PositiveIntegerField()
    reset_timeout_seconds = models.PositiveIntegerField()


class RetryPolicy(ArchitectureObject):
    service = models.OneToOneField(Service, on_delete=models.RESTRICT, related_name="+")
    max_attempts = models.PositiveSmallIntegerField()
    backoff_multiplier = models.FloatField()
    initial_backoff_ms = models.PositiveIntegerField(default=100)
    max_backoff_ms = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "retry policies"
