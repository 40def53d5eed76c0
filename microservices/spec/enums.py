"""The closed vocabularies of the spec: every value a choice field may take."""

from enum import StrEnum


class ArchitecturePattern(StrEnum):
    EVENT_DRIVEN = "event-driven"
    REQUEST_DRIVEN = "request-driven"
    HYBRID = "hybrid"


class HttpMethod(StrEnum):
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    PATCH = "PATCH"
    DELETE = "DELETE"
    HEAD = "HEAD"
    OPTIONS = "OPTIONS"


class DependencyMode(StrEnum):
    SYNC = "sync"
    ASYNC = "async"


class EventKind(StrEnum):
    DOMAIN = "domain"
    INTEGRATION = "integration"


class AuthenticationType(StrEnum):
    OAUTH2 = "oauth2"
    JWT = "jwt"
    API_KEY = "api-key"
    NONE = "none"


class MeshType(StrEnum):
    ISTIO = "istio"
    LINKERD = "linkerd"
    CONSUL = "consul"
    KUMA = "kuma"
    CILIUM = "cilium"


class CompensationStrategy(StrEnum):
    SEQUENTIAL = "sequential"
    PARALLEL = "parallel"


class CheckType(StrEnum):
    LIVENESS = "liveness"
    READINESS = "readiness"
    STARTUP = "startup"


class ObjectiveName(StrEnum):
    AVAILABILITY = "availability"
    LATENCY_P99 = "latency_p99"
    ERROR_RATE = "error_rate"


class LatencyUnit(StrEnum):
    MILLISECONDS = "ms"
    SECONDS = "s"


class Tracer(StrEnum):
    JAEGER = "jaeger"
    ZIPKIN = "zipkin"
    OTLP = "otlp"


class DeploymentKind(StrEnum):
    ROLLING = "rolling"
    BLUE_GREEN = "blue-green"
    CANARY = "canary"


class EventStoreType(StrEnum):
    KAFKA = "kafka"
    POSTGRES = "postgres"
    EVENTSTOREDB = "eventstoredb"


class ReadModelType(StrEnum):
    PROJECTION = "projection"
    MATERIALIZED_VIEW = "materialized-view"
    CACHE = "cache"
    SEARCH_INDEX = "search-index"
    REPLICA = "replica"


class RefreshMode(StrEnum):
    EVENTUAL = "eventual"
    SYNCHRONOUS = "synchronous"
    PERIODIC = "periodic"


class WriteModelType(StrEnum):
    AGGREGATE = "aggregate"
    CRUD = "crud"
    EVENT_SOURCED = "event-sourced"
