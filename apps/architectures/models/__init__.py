"""The architecture model: one table per concept of the spec."""

from .architecture import Architecture, ArchitectureObject
from .crosscutting import CircuitBreaker, Gateway, Mesh, RetryPolicy, Route
from .saga import Saga, SagaStep
from .service import (
    Cqrs,
    Dependency,
    DeploymentStrategy,
    Endpoint,
    Event,
    EventSourcing,
    HealthCheck,
    Service,
    ServiceLevelObjective,
    Subscription,
    Tracing,
)

__all__ = [
    "Architecture",
    "ArchitectureObject",
    "CircuitBreaker",
    "Cqrs",
    "Dependency",
    "DeploymentStrategy",
    "Endpoint",
    "Event",
    "EventSourcing",
    "Gateway",
    "HealthCheck",
    "Mesh",
    "RetryPolicy",
    "Route",
    "Saga",
    "SagaStep",
    "Service",
    "ServiceLevelObjective",
    "Subscription",
    "Tracing",
]
