"""The spec model: every concept a user can describe, as pydantic models.

This is the one place where field rules live. The YAML/JSON documents, the REST
API, the web forms and the Python client all validate through these classes.
Each concept with children has a `*Fields` class (its own attributes, used by
forms and single-object API writes) and a full class that adds the children.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from .enums import (
    ArchitecturePattern,
    AuthenticationType,
    CheckType,
    CompensationStrategy,
    DependencyMode,
    DeploymentKind,
    EventKind,
    EventStoreType,
    HttpMethod,
    LatencyUnit,
    MeshType,
    ObjectiveName,
    ReadModelType,
    RefreshMode,
    Tracer,
    WriteModelType,
)
from .names import (
    DnsLabel,
    EventName,
    HttpPath,
    Identifier,
    LongText,
    OptionalDnsLabel,
    ServiceName,
    ShortText,
    TechnologyKey,
    Window,
    is_dns_label,
    no_control_characters,
)

API_VERSION = "microservices-designer/v1"
KIND = "Architecture"


class SpecModel(BaseModel):
    """Base of every spec object: unknown keys are errors, not silently dropped."""

    # Infinity and NaN are not JSON: a stored one could never be written out again.
    model_config = ConfigDict(extra="forbid", validate_default=False, allow_inf_nan=False)


# --- what belongs to one service -------------------------------------------------


class Endpoint(SpecModel):
    path: HttpPath
    methods: list[HttpMethod] = Field(default_factory=lambda: [HttpMethod.GET], min_length=1)

    @field_validator("methods")
    @classmethod
    def _methods_are_distinct(cls, methods: list[HttpMethod]) -> list[HttpMethod]:
        if len(set(methods)) != len(methods):
            raise ValueError("each method may appear once")
        return methods


class Dependency(SpecModel):
    service: ServiceName = Field(description="The service that is called.")
    mode: DependencyMode
    timeout_ms: int | None = Field(default=None, ge=1, le=3_600_000)


class PublishedEvent(SpecModel):
    event: EventName
    kind: EventKind
    description: LongText = ""


class Subscription(SpecModel):
    event: EventName


class HealthCheck(SpecModel):
    type: CheckType
    endpoint: HttpPath
    interval_seconds: int = Field(ge=1, le=3600)


class ServiceLevelObjective(SpecModel):
    name: ObjectiveName
    target: float
    unit: LatencyUnit | None = Field(
        default=None, description="Latency objectives only: ms (the default) or s."
    )
    window: Window

    @field_validator("target")
    @classmethod
    def _target_fits_objective(cls, target: float, info: ValidationInfo) -> float:
        name = info.data.get("name")
        if name == ObjectiveName.AVAILABILITY and not 0 < target <= 1:
            raise ValueError("an availability target is a ratio in (0, 1], e.g. 0.999")
        if name == ObjectiveName.ERROR_RATE and not 0 < target < 1:
            raise ValueError("an error-rate target is a ratio in (0, 1), e.g. 0.001")
        if name == ObjectiveName.LATENCY_P99 and not target > 0:
            raise ValueError("a latency target must be greater than 0")
        return target

    @field_validator("unit", mode="after")
    @classmethod
    def _unit_only_for_latency(cls, unit: LatencyUnit | None, info: ValidationInfo):
        name = info.data.get("name")
        if unit is not None and name is not None and name != ObjectiveName.LATENCY_P99:
            raise ValueError(f"a unit applies only to latency objectives, not to {name}")
        return unit

    def model_post_init(self, _context) -> None:
        if self.name == ObjectiveName.LATENCY_P99 and self.unit is None:
            self.unit = LatencyUnit.MILLISECONDS


class Tracing(SpecModel):
    tracer: Tracer
    sample_rate: float = Field(ge=0, le=1)


class Canary(SpecModel):
    initial_percentage: int = Field(ge=1, le=100)
    increment: int = Field(ge=1, le=100)
    pause_duration_minutes: int = Field(ge=0, le=10_080)
    metrics_based: bool = False


class Deployment(SpecModel):
    strategy: DeploymentKind
    canary: Canary | None = Field(default=None, validate_default=True)

    @field_validator("canary")
    @classmethod
    def _canary_matches_strategy(cls, canary: Canary | None, info: ValidationInfo):
        strategy = info.data.get("strategy")
        if strategy == DeploymentKind.CANARY and canary is None:
            raise ValueError("the canary strategy needs canary settings")
        if strategy is not None and strategy != DeploymentKind.CANARY and canary is not None:
            raise ValueError(f"canary settings apply only to the canary strategy, not {strategy}")
        return canary


class EventStore(SpecModel):
    type: EventStoreType
    topic: str = Field(default="", max_length=249, pattern=r"^$|^[A-Za-z0-9._-]+$")


class SnapshotPolicy(SpecModel):
    interval_events: int = Field(ge=1, le=10_000_000)


class EventSourcing(SpecModel):
    event_store: EventStore
    snapshot_policy: SnapshotPolicy | None = None


class ReadModel(SpecModel):
    type: ReadModelType
    refresh: RefreshMode


class WriteModel(SpecModel):
    type: WriteModelType


class Cqrs(SpecModel):
    read_model: ReadModel
    write_model: WriteModel


class ServiceFields(SpecModel):
    name: ServiceName
    domain: OptionalDnsLabel = Field(default="", description="The bounded context.")
    owner: OptionalDnsLabel = Field(default="", description="The owning team.")
    description: LongText = ""
    responsibilities: list[ShortText] = Field(default_factory=list, max_length=100)
    technologies: dict[TechnologyKey, ShortText] = Field(default_factory=dict, max_length=50)
    datastore: OptionalDnsLabel = Field(
        default="", description="Datastore instance; services naming one instance share it."
    )


class Service(ServiceFields):
    placeholder: bool = Field(
        default=False, description="Referenced by something, never defined: only a name."
    )
    endpoints: list[Endpoint] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    publishes: list[PublishedEvent] = Field(default_factory=list)
    subscribes: list[Subscription] = Field(default_factory=list)
    health_checks: list[HealthCheck] = Field(default_factory=list)
    slos: list[ServiceLevelObjective] = Field(default_factory=list)
    tracing: Tracing | None = None
    deployment: Deployment | None = None
    event_sourcing: EventSourcing | None = None
    cqrs: Cqrs | None = None


# --- cross-cutting objects --------------------------------------------------------


def is_url(value: str) -> bool:
    return value.startswith(("https://", "http://"))


class Authentication(SpecModel):
    type: AuthenticationType
    issuer: str = Field(
        default="",
        max_length=2048,
        description="A service of the architecture (its name) or an issuer URL.",
    )

    @field_validator("issuer")
    @classmethod
    def _issuer_is_service_or_url(cls, issuer: str) -> str:
        no_control_characters(issuer)
        if issuer and not (is_url(issuer) or is_dns_label(issuer)):
            raise ValueError(
                f"{issuer!r} is neither a service name (DNS-1123 label) nor an http(s) URL"
            )
        return issuer


class RateLimiting(SpecModel):
    requests_per_minute: int = Field(ge=1, le=100_000_000)


class Route(SpecModel):
    path: HttpPath
    service: ServiceName


class GatewayFields(SpecModel):
    name: DnsLabel
    authentication: Authentication | None = None
    rate_limiting: RateLimiting | None = None


class Gateway(GatewayFields):
    routes: list[Route] = Field(default_factory=list)


class Observability(SpecModel):
    tracing: bool = False
    metrics: bool = False
    logging: bool = False


class MeshSecurity(SpecModel):
    mtls: bool = False
    authorization: bool = False


class Mesh(SpecModel):
    name: DnsLabel
    mesh_type: MeshType
    observability: Observability = Field(default_factory=Observability)
    security: MeshSecurity = Field(default_factory=MeshSecurity)


class CircuitBreaker(SpecModel):
    service: ServiceName = Field(description="The service whose callers are protected.")
    failure_threshold: int = Field(ge=1, le=10_000)
    reset_timeout_seconds: int = Field(ge=1, le=86_400)


class RetryPolicy(SpecModel):
    service: ServiceName = Field(description="The service whose calls are retried.")
    max_attempts: int = Field(ge=1, le=100)
    backoff_multiplier: float = Field(ge=1, le=100)
    initial_backoff_ms: int = Field(default=100, ge=1, le=3_600_000)
    max_backoff_ms: int = Field(ge=1, le=3_600_000)

    @field_validator("max_backoff_ms")
    @classmethod
    def _max_not_below_initial(cls, max_backoff_ms: int, info: ValidationInfo) -> int:
        initial = info.data.get("initial_backoff_ms")
        if initial is not None and max_backoff_ms < initial:
            raise ValueError(f"must be at least initial_backoff_ms ({initial})")
        return max_backoff_ms


class SagaStep(SpecModel):
    name: DnsLabel
    service: ServiceName
    action: Identifier
    compensation: Identifier | Literal[""] = ""


class SagaFields(SpecModel):
    name: DnsLabel
    compensation_strategy: CompensationStrategy
    description: LongText = ""


class Saga(SagaFields):
    steps: list[SagaStep] = Field(default_factory=list)


# --- the document -----------------------------------------------------------------


class DocumentHeader(SpecModel):
    apiVersion: str = API_VERSION  # the document key, spelt as Kubernetes does
    kind: Literal["Architecture"] = KIND

    @field_validator("apiVersion")
    @classmethod
    def _supported_version(cls, version: str) -> str:
        if version != API_VERSION:
            raise ValueError(f"unsupported apiVersion {version!r}; this reads {API_VERSION!r}")
        return version


class ArchitectureFields(SpecModel):
    name: Annotated[str, AfterValidator(no_control_characters)] = Field(
        min_length=1, max_length=100
    )
    slug: OptionalDnsLabel = Field(default="", description="Derived from the name when empty.")
    description: LongText = ""
    pattern: ArchitecturePattern = ArchitecturePattern.HYBRID


class Architecture(ArchitectureFields, DocumentHeader):
    """One architecture: the import/export document."""

    services: list[Service] = Field(default_factory=list)
    gateways: list[Gateway] = Field(default_factory=list)
    mesh: Mesh | None = None
    circuit_breakers: list[CircuitBreaker] = Field(default_factory=list)
    retry_policies: list[RetryPolicy] = Field(default_factory=list)
    sagas: list[Saga] = Field(default_factory=list)
