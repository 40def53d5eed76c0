"""A service and everything that belongs to it.

Column names are the spec's field paths joined with '_' (canary.initial_percentage
is canary_initial_percentage), which lets one mapping serve every table.
"""

from __future__ import annotations

from django.db import models

from microservices.spec import enums

from .architecture import ArchitectureObject
from .choices import choices, max_length


def enum_field(enum, **kwargs) -> models.CharField:
    return models.CharField(max_length=max_length(enum), choices=choices(enum), **kwargs)


class Service(ArchitectureObject):
    name = models.CharField(max_length=63)
    domain = models.CharField(max_length=63, blank=True, default="")
    owner = models.CharField(max_length=63, blank=True, default="")
    description = models.TextField(blank=True, default="")
    responsibilities = models.JSONField(default=list, blank=True)
    technologies = models.JSONField(default=dict, blank=True)
    datastore = models.CharField(max_length=63, blank=True, default="")
    placeholder = models.BooleanField(
        default=False, help_text="Referenced by something but never defined."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["architecture", "name"], name="service_name_unique")
        ]
        indexes = [models.Index(fields=["architecture", "domain"])]

    def __str__(self) -> str:
        return self.name


class ServiceObject(ArchitectureObject):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class ServiceSetting(ArchitectureObject):
    """A block a service has at most one of (tracing, deployment, ...)."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Endpoint(ServiceObject):
    path = models.CharField(max_length=2048)
    methods = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "path"], name="endpoint_path_unique")
        ]


class Dependency(ArchitectureObject):
    source = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="dependencies")
    # RESTRICT: a called service cannot vanish under its callers (see services.delete_service)
    target = models.ForeignKey(Service, on_delete=models.RESTRICT, related_name="dependents")
    mode = enum_field(enums.DependencyMode)
    timeout_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "dependencies"
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="dependency_unique"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="dependency_not_self"
            ),
        ]


class Event(ServiceObject):
    """An event and the service that publishes it."""

    name = models.CharField(max_length=249)
    kind = enum_field(enums.EventKind)
    description = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["architecture", "name"], name="event_name_unique")
        ]


class Subscription(ServiceObject):
    # A name, not a key: subscribing to an event nobody publishes is allowed (and reported).
    event = models.CharField(max_length=249)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "event"], name="subscription_unique")
        ]


class HealthCheck(ServiceObject):
    type = enum_field(enums.CheckType)
    endpoint = models.CharField(max_length=2048)
    interval_seconds = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "type"], name="health_check_type_unique")
        ]


class ServiceLevelObjective(ServiceObject):
    name = enum_field(enums.ObjectiveName)
    target = models.FloatField()
    unit = enum_field(enums.LatencyUnit, null=True, blank=True)
    window = models.CharField(max_length=20)

    class Meta:
        verbose_name = "service level objective"
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="slo_name_unique")]


class Tracing(ServiceSetting):
    tracer = enum_field(enums.Tracer)
    sample_rate = models.FloatField()

    class Meta:
        verbose_name_plural = "tracing"


class DeploymentStrategy(ServiceSetting):
    strategy = enum_field(enums.DeploymentKind)
    canary_initial_percentage = models.PositiveSmallIntegerField(null=True, blank=True)
    canary_increment = models.PositiveSmallIntegerField(null=True, blank=True)
    canary_pause_duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    canary_metrics_based = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deployment strategies"


class EventSourcing(ServiceSetting):
    event_store_type = enum_field(enums.EventStoreType)
    event_store_topic = models.CharField(max_length=249, blank=True, default="")
    snapshot_policy_interval_events = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "event sourcing"


class Cqrs(ServiceSetting):
    read_model_type = enum_field(enums.ReadModelType)
    read_model_refresh = enum_field(enums.RefreshMode)
    write_model_type = enum_field(enums.WriteModelType)

    class Meta:
        verbose_name = "CQRS"
        verbose_name_plural = "CQRS"
