"""From a validated spec to its one canonical form.

- integrity: duplicate names and other contradictions the field rules cannot see;
- placeholders: every referenced service exists, as a placeholder if nobody defined
  it; placeholders nothing references are dropped;
- order: collections sorted by their natural key (routes and saga steps keep the
  order the user gave, which is meaningful), so the same architecture always dumps
  to the same text, whoever wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .enums import CheckType, ObjectiveName
from .errors import Loc, SpecError, SpecValidationError
from .model import Architecture, Gateway, Saga, Service, is_url

T = TypeVar("T")


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:63].strip("-")
    return slug or "architecture"


def service_references(arch: Architecture) -> Iterator[tuple[Loc, str]]:
    """Every place that names a service, with where it is."""
    for i, service in enumerate(arch.services):
        for j, dependency in enumerate(service.dependencies):
            yield ("services", i, "dependencies", j, "service"), dependency.service
    for i, gateway in enumerate(arch.gateways):
        for j, route in enumerate(gateway.routes):
            yield ("gateways", i, "routes", j, "service"), route.service
        issuer = gateway.authentication.issuer if gateway.authentication else ""
        if issuer and not is_url(issuer):
            yield ("gateways", i, "authentication", "issuer"), issuer
    for i, breaker in enumerate(arch.circuit_breakers):
        yield ("circuit_breakers", i, "service"), breaker.service
    for i, policy in enumerate(arch.retry_policies):
        yield ("retry_policies", i, "service"), policy.service
    for i, saga in enumerate(arch.sagas):
        for j, step in enumerate(saga.steps):
            yield ("sagas", i, "steps", j, "service"), step.service


def _duplicates(
    items: Iterable[T], key: Callable[[T], object], loc: Callable[[int], Loc], what: str
) -> Iterator[SpecError]:
    first_seen: dict[object, int] = {}
    for index, item in enumerate(items):
        value = key(item)
        if value in first_seen:
            yield SpecError(
                loc(index), f"duplicate {what} {value!s} (first at index {first_seen[value]})"
            )
        else:
            first_seen[value] = index


def _service_errors(service: Service, at: Loc = ()) -> Iterator[SpecError]:
    if service.placeholder:
        defined = service.model_dump(exclude_defaults=True, exclude={"name", "placeholder"})
        if defined:
            yield SpecError(
                (*at, "placeholder"),
                "a placeholder carries only its name; remove 'placeholder: true' to define "
                f"the service (found {', '.join(sorted(defined))})",
            )
    yield from _duplicates(
        service.endpoints, lambda e: e.path, lambda j: (*at, "endpoints", j, "path"), "endpoint"
    )
    yield from _duplicates(
        service.dependencies,
        lambda d: d.service,
        lambda j: (*at, "dependencies", j, "service"),
        "dependency on",
    )
    for j, dependency in enumerate(service.dependencies):
        if dependency.service == service.name:
            yield SpecError(
                (*at, "dependencies", j, "service"), "a service cannot depend on itself"
            )
    yield from _duplicates(
        service.subscribes,
        lambda s: s.event,
        lambda j: (*at, "subscribes", j, "event"),
        "subscription to",
    )
    yield from _duplicates(
        service.health_checks,
        lambda c: c.type.value,
        lambda j: (*at, "health_checks", j, "type"),
        "health check",
    )
    yield from _duplicates(
        service.slos, lambda o: o.name.value, lambda j: (*at, "slos", j, "name"), "objective"
    )


def _gateway_errors(gateway: Gateway, at: Loc = ()) -> Iterator[SpecError]:
    yield from _duplicates(
        gateway.routes, lambda r: r.path, lambda j: (*at, "routes", j, "path"), "route"
    )


def _saga_errors(saga: Saga, at: Loc = ()) -> Iterator[SpecError]:
    yield from _duplicates(
        saga.steps, lambda s: s.name, lambda j: (*at, "steps", j, "name"), "step"
    )


def fragment_errors(obj: Service | Gateway | Saga) -> list[SpecError]:
    """Integrity errors inside one service, gateway or saga (locations relative to it)."""
    check = {Service: _service_errors, Gateway: _gateway_errors, Saga: _saga_errors}[type(obj)]
    errors = list(check(obj))
    if isinstance(obj, Service):
        errors.extend(
            _duplicates(
                obj.publishes,
                lambda e: e.event,
                lambda j: ("publishes", j, "event"),
                "event",
            )
        )
    return errors


def integrity_errors(arch: Architecture) -> list[SpecError]:
    errors = list(
        _duplicates(arch.services, lambda s: s.name, lambda i: ("services", i, "name"), "service")
    )
    for i, service in enumerate(arch.services):
        errors.extend(_service_errors(service, ("services", i)))
    published = [
        ((i, j), event.event)
        for i, service in enumerate(arch.services)
        for j, event in enumerate(service.publishes)
    ]
    publisher: dict[str, int] = {}
    for (i, j), event in published:
        if event in publisher:
            first = arch.services[publisher[event]].name
            errors.append(
                SpecError(
                    ("services", i, "publishes", j, "event"),
                    f"duplicate event {event}: an event has one publisher, and {first} "
                    f"(services[{publisher[event]}]) already publishes it",
                )
            )
        else:
            publisher[event] = i
    errors.extend(
        _duplicates(arch.gateways, lambda g: g.name, lambda i: ("gateways", i, "name"), "gateway")
    )
    for i, gateway in enumerate(arch.gateways):
        errors.extend(_gateway_errors(gateway, ("gateways", i)))
    for key in ("circuit_breakers", "retry_policies"):
        errors.extend(
            _duplicates(
                getattr(arch, key),
                lambda p: p.service,
                lambda i, key=key: (key, i, "service"),
                "policy for",
            )
        )
    errors.extend(_duplicates(arch.sagas, lambda s: s.name, lambda i: ("sagas", i, "name"), "saga"))
    for i, saga in enumerate(arch.sagas):
        errors.extend(_saga_errors(saga, ("sagas", i)))
    return errors


_CHECK_ORDER = {kind: index for index, kind in enumerate(CheckType)}
_OBJECTIVE_ORDER = {name: index for index, name in enumerate(ObjectiveName)}


def _canonical_service(service: Service) -> Service:
    return service.model_copy(
        update={
            "technologies": dict(sorted(service.technologies.items())),
            "endpoints": sorted(service.endpoints, key=lambda e: e.path),
            "dependencies": sorted(service.dependencies, key=lambda d: d.service),
            "publishes": sorted(service.publishes, key=lambda e: e.event),
            "subscribes": sorted(service.subscribes, key=lambda s: s.event),
            "health_checks": sorted(service.health_checks, key=lambda c: _CHECK_ORDER[c.type]),
            "slos": sorted(service.slos, key=lambda o: _OBJECTIVE_ORDER[o.name]),
        }
    )


def canonical_fragment(obj: T) -> T:
    """One object in the order the document writes it (a service's children sorted)."""
    return _canonical_service(obj) if isinstance(obj, Service) else obj


def with_placeholders(arch: Architecture) -> list[Service]:
    """The services, plus a placeholder for each name referenced but never defined."""
    defined = [service for service in arch.services if not service.placeholder]
    defined_names = {service.name for service in defined}
    missing = {name for _, name in service_references(arch)} - defined_names
    return defined + [Service(name=name, placeholder=True) for name in sorted(missing)]


def normalize(arch: Architecture) -> Architecture:
    """Check integrity and return the canonical form; raise SpecValidationError."""
    errors = integrity_errors(arch)
    if errors:
        raise SpecValidationError(errors)
    services = sorted(
        (_canonical_service(service) for service in with_placeholders(arch)),
        key=lambda s: s.name,
    )
    return arch.model_copy(
        update={
            "slug": arch.slug or slugify(arch.name),
            "services": services,
            "gateways": sorted(arch.gateways, key=lambda g: g.name),
            "circuit_breakers": sorted(arch.circuit_breakers, key=lambda p: p.service),
            "retry_policies": sorted(arch.retry_policies, key=lambda p: p.service),
            "sagas": sorted(arch.sagas, key=lambda s: s.name),
        }
    )
