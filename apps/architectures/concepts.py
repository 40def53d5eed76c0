"""The registry of concepts: one entry per kind of object a user can describe.

Pages, API, spec import/export, admin and the uniform tests are all driven by
this list, so a new concept is one model, one entry here and its test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models

from microservices.spec import model as spec

from . import models as m


class Scope(StrEnum):
    """What an object belongs to, and so where it sits in URLs and in the spec."""

    ARCHITECTURE = "architecture"
    SERVICE = "service"
    GATEWAY = "gateway"
    SAGA = "saga"


@dataclass(frozen=True)
class ServiceReference:
    """A spec field naming a service, stored as a foreign key to it.

    With `urls_allowed`, the value may instead be a URL (an external issuer); the text
    column named after the spec path keeps the value as written either way.
    """

    path: tuple[str, ...]
    column: str
    urls_allowed: bool = False


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per concept
class Concept:
    key: str  # URL segment: /api/architectures/<slug>/<key>/
    label: str
    model: type[models.Model]
    spec: type[spec.SpecModel]  # one object as the spec writes it (its own fields)
    scope: Scope
    spec_attr: str  # where it sits in its parent's spec object
    natural_key: str | None = None  # spec field identifying it within its parent
    by_id: bool = False  # addressed by id in URLs (paths make poor URL segments)
    ordered: bool = False  # has a user-given order (position column)
    references: tuple[ServiceReference, ...] = ()
    renames: dict[str, str] = field(default_factory=dict)  # spec field -> column
    extra_columns: tuple[str, ...] = ()  # stored, but not among the spec class's fields

    @property
    def singleton(self) -> bool:
        return self.natural_key is None

    @property
    def parent_column(self) -> str | None:
        return {
            Scope.ARCHITECTURE: None,
            Scope.SERVICE: "source" if self.model is m.Dependency else "service",
            Scope.GATEWAY: "gateway",
            Scope.SAGA: "saga",
        }[self.scope]

    def column(self, spec_field: str) -> str:
        for reference in self.references:
            if reference.path == (spec_field,):
                return reference.column
        return self.renames.get(spec_field, spec_field)

    @property
    def plural_label(self) -> str:
        return self.model._meta.verbose_name_plural


TARGET = ServiceReference(("service",), "service")

CONCEPTS: tuple[Concept, ...] = (
    Concept("services", "service", m.Service, spec.ServiceFields, Scope.ARCHITECTURE,
            "services", natural_key="name", extra_columns=("placeholder",)),
    Concept("gateways", "API gateway", m.Gateway, spec.GatewayFields, Scope.ARCHITECTURE,
            "gateways", natural_key="name",
            references=(ServiceReference(("authentication", "issuer"),
                                         "authentication_issuer_service", urls_allowed=True),)),
    Concept("mesh", "service mesh", m.Mesh, spec.Mesh, Scope.ARCHITECTURE, "mesh"),
    Concept("circuit-breakers", "circuit breaker", m.CircuitBreaker, spec.CircuitBreaker,
            Scope.ARCHITECTURE, "circuit_breakers", natural_key="service", references=(TARGET,)),
    Concept("retry-policies", "retry policy", m.RetryPolicy, spec.RetryPolicy,
            Scope.ARCHITECTURE, "retry_policies", natural_key="service", references=(TARGET,)),
    Concept("sagas", "saga", m.Saga, spec.SagaFields, Scope.ARCHITECTURE, "sagas",
            natural_key="name"),
    Concept("endpoints", "endpoint", m.Endpoint, spec.Endpoint, Scope.SERVICE, "endpoints",
            natural_key="path", by_id=True),
    Concept("dependencies", "dependency", m.Dependency, spec.Dependency, Scope.SERVICE,
            "dependencies", natural_key="service",
            references=(ServiceReference(("service",), "target"),)),
    Concept("events", "published event", m.Event, spec.PublishedEvent, Scope.SERVICE,
            "publishes", natural_key="event", renames={"event": "name"}),
    Concept("subscriptions", "subscription", m.Subscription, spec.Subscription, Scope.SERVICE,
            "subscribes", natural_key="event"),
    Concept("health-checks", "health check", m.HealthCheck, spec.HealthCheck, Scope.SERVICE,
            "health_checks", natural_key="type"),
    Concept("slos", "service level objective", m.ServiceLevelObjective,
            spec.ServiceLevelObjective, Scope.SERVICE, "slos", natural_key="name"),
    Concept("tracing", "tracing", m.Tracing, spec.Tracing, Scope.SERVICE, "tracing"),
    Concept("deployment", "deployment strategy", m.DeploymentStrategy, spec.Deployment,
            Scope.SERVICE, "deployment"),
    Concept("event-sourcing", "event sourcing", m.EventSourcing, spec.EventSourcing,
            Scope.SERVICE, "event_sourcing"),
    Concept("cqrs", "CQRS", m.Cqrs, spec.Cqrs, Scope.SERVICE, "cqrs"),
    Concept("routes", "route", m.Route, spec.Route, Scope.GATEWAY, "routes",
            natural_key="path", by_id=True, ordered=True, references=(TARGET,)),
    Concept("steps", "saga step", m.SagaStep, spec.SagaStep, Scope.SAGA, "steps",
            natural_key="name", ordered=True, references=(TARGET,)),
)  # fmt: skip

BY_KEY = {concept.key: concept for concept in CONCEPTS}
SERVICES = BY_KEY["services"]
GATEWAYS = BY_KEY["gateways"]
SAGAS = BY_KEY["sagas"]


def concepts_in(scope: Scope) -> list[Concept]:
    return [concept for concept in CONCEPTS if concept.scope == scope]


def children_scope(concept: Concept) -> Scope:
    """The scope of the objects that belong to `concept`'s objects."""
    return {"services": Scope.SERVICE, "gateways": Scope.GATEWAY, "sagas": Scope.SAGA}[concept.key]


def get_concept(key: str) -> Concept:
    return BY_KEY[key]


def referencing_concepts() -> list[tuple[Concept, ServiceReference]]:
    """Every (concept, reference) pair: the places that can name a service."""
    return [(concept, ref) for concept in CONCEPTS for ref in concept.references]
