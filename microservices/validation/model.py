"""What validation produces: findings about subjects, from rules with thresholds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: error 2, warning 1, info 0."""
        return {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}[self]


@dataclass(frozen=True, order=True)
class Subject:
    """An object a finding points at: `service:order-service`, `route:api-gateway:/api/orders`."""

    kind: str
    key: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


# Subject constructors, so every rule spells keys the same way.
def service(name: str) -> Subject:
    return Subject("service", name)


def dependency(source: str, target: str) -> Subject:
    return Subject("dependency", f"{source}->{target}")


def endpoint(service_name: str, path: str) -> Subject:
    return Subject("endpoint", f"{service_name}:{path}")


def event(name: str) -> Subject:
    return Subject("event", name)


def gateway(name: str) -> Subject:
    return Subject("gateway", name)


def route(gateway_name: str, path: str) -> Subject:
    return Subject("route", f"{gateway_name}:{path}")


def mesh(name: str) -> Subject:
    return Subject("mesh", name)


def circuit_breaker(service_name: str) -> Subject:
    return Subject("circuit_breaker", service_name)


def retry_policy(service_name: str) -> Subject:
    return Subject("retry_policy", service_name)


def saga(name: str) -> Subject:
    return Subject("saga", name)


def saga_step(saga_name: str, step_name: str) -> Subject:
    return Subject("saga_step", f"{saga_name}/{step_name}")


def health_check(service_name: str, check_type: str) -> Subject:
    return Subject("health_check", f"{service_name}/{check_type}")


def slo(service_name: str, objective: str) -> Subject:
    return Subject("slo", f"{service_name}/{objective}")


def team(name: str) -> Subject:
    return Subject("team", name)


def datastore(name: str) -> Subject:
    return Subject("datastore", name)


def domain(name: str) -> Subject:
    return Subject("domain", name)


@dataclass(frozen=True)
class Hit:
    """What a rule's check yields: the message and the subjects (first = primary)."""

    message: str
    subjects: tuple[Subject, ...]
    data: Mapping[str, Any] = field(default_factory=dict)


def hit(message: str, *subjects: Subject, **data: Any) -> Hit:
    return Hit(message, subjects, data)


@dataclass(frozen=True)
class Threshold:
    name: str
    default: float | int
    description: str


Check = Callable[..., Iterable[Hit]]  # (context, params) -> hits


@dataclass(frozen=True)
class Rule:
    id: str  # stable: MS101 ...
    severity: Severity
    title: str
    rationale: str
    fix: str
    family: str
    check: Check
    thresholds: tuple[Threshold, ...] = ()

    def defaults(self) -> dict[str, float | int]:
        return {threshold.name: threshold.default for threshold in self.thresholds}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    title: str
    message: str
    subjects: tuple[Subject, ...]
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Identifies the finding across runs: rule and subjects (not the wording)."""
        return f"{self.rule}|" + "|".join(str(s) for s in self.subjects)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "subjects": [str(s) for s in self.subjects],
            "data": dict(self.data),
            "fingerprint": self.fingerprint,
        }
