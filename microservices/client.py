"""The Python client: describe an architecture in code, get its spec, sync with a server.

The method and argument names are the product's seed API (see the README); every
call validates what it is given at once, through the spec model, so a mistake is
reported at the line that made it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import remote
from .spec import model as m
from .spec.documents import (
    Format,
    architecture_from_data,
    architecture_to_data,
    dump_architecture,
    parse_architecture,
)
from .spec.errors import SpecValidationError, from_pydantic

if TYPE_CHECKING:
    from .export import Bundle
    from .validation import Report

M = TypeVar("M", bound=BaseModel)


def _build(cls: type[M], _arguments: Mapping[str, str] | None = None, /, **data: Any) -> M:
    """Validate `data` as `cls`; errors name the caller's argument (`_arguments` maps a
    field to the argument that carried it, e.g. name -> service_name)."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        errors = from_pydantic(exc).errors
        if _arguments:
            errors = [
                replace(e, loc=(_arguments.get(e.loc[0], e.loc[0]), *e.loc[1:])) if e.loc else e
                for e in errors
            ]
        raise SpecValidationError(errors) from None


def _build_each(cls: type[M], argument: str, items: Iterable[Mapping[str, Any]]) -> list[M]:
    """Validate each mapping of a list argument; errors say which item, e.g. checks[1]."""
    built = []
    for index, item in enumerate(items):
        try:
            built.append(_build(cls, **item))
        except SpecValidationError as exc:
            raise exc.prefixed((argument, index)) from None
    return built


def _route(route: Mapping[str, str] | tuple[str, str]) -> m.Route:
    if isinstance(route, tuple | list):
        path, service = route
        return _build(m.Route, path=path, service=service)
    return _build(m.Route, **route)


class ServiceHandle:
    """What `create_service` returns: adds endpoints, dependencies and events."""

    def __init__(self, service: m.Service):
        self._service = service

    @property
    def name(self) -> str:
        return self._service.name

    def add_endpoint(self, path: str, methods: Iterable[str] | None = None) -> ServiceHandle:
        data = {"path": path} if methods is None else {"path": path, "methods": list(methods)}
        self._service.endpoints.append(_build(m.Endpoint, **data))
        return self

    def add_dependency(
        self, service: str, mode: str = "sync", timeout_ms: int | None = None
    ) -> ServiceHandle:
        self._service.dependencies.append(
            _build(m.Dependency, service=service, mode=mode, timeout_ms=timeout_ms)
        )
        return self

    def add_event(self, event: str, kind: str = "domain", description: str = "") -> ServiceHandle:
        self._service.publishes.append(
            _build(m.PublishedEvent, event=event, kind=kind, description=description)
        )
        return self

    def subscribe(self, event: str) -> ServiceHandle:
        self._service.subscribes.append(_build(m.Subscription, event=event))
        return self

    def __repr__(self) -> str:
        return f"<ServiceHandle {self.name}>"


class Microservices:
    """An architecture being described; `to_spec()` gives its canonical spec."""

    def __init__(self) -> None:
        self._fields: m.ArchitectureFields | None = None
        self._services: dict[str, m.Service] = {}
        self._gateways: dict[str, m.Gateway] = {}
        self._mesh: m.Mesh | None = None
        self._breakers: dict[str, m.CircuitBreaker] = {}
        self._retries: dict[str, m.RetryPolicy] = {}
        self._sagas: dict[str, m.Saga] = {}

    # --- the architecture and its services ---------------------------------------

    def define_architecture(
        self, name: str, pattern: str = "hybrid", description: str = "", slug: str = ""
    ) -> None:
        self._fields = _build(
            m.ArchitectureFields, name=name, pattern=pattern, description=description, slug=slug
        )

    def create_service(
        self,
        service_name: str,
        domain: str = "",
        responsibilities: Iterable[str] = (),
        technologies: Mapping[str, str] | None = None,
        owner: str = "",
        datastore: str = "",
        description: str = "",
    ) -> ServiceHandle:
        if service_name in self._services:
            raise SpecValidationError.single(f"service {service_name!r} is already defined")
        fields = _build(
            m.ServiceFields,
            {"name": "service_name"},
            name=service_name,
            domain=domain,
            responsibilities=list(responsibilities),
            technologies=dict(technologies or {}),
            owner=owner,
            datastore=datastore,
            description=description,
        )
        service = m.Service(**dict(fields))
        self._services[service_name] = service
        return ServiceHandle(service)

    def service(self, service_name: str) -> ServiceHandle:
        return ServiceHandle(self._defined(service_name))

    def _defined(self, service_name: str) -> m.Service:
        try:
            return self._services[service_name]
        except KeyError:
            raise SpecValidationError.single(
                f"service {service_name!r} is not defined; call create_service() first"
            ) from None

    def _set(self, service_name: str, **attributes: Any) -> None:
        service = self._defined(service_name)
        for key, value in attributes.items():
            setattr(service, key, value)

    # --- cross-cutting objects ---------------------------------------------------

    def define_api_gateway(
        self,
        name: str,
        routes: Iterable[Mapping[str, str] | tuple[str, str]] = (),
        authentication: Mapping[str, str] | None = None,
        rate_limiting: Mapping[str, int] | None = None,
    ) -> m.Gateway:
        gateway = _build(
            m.Gateway,
            name=name,
            routes=[_route(route) for route in routes],
            authentication=authentication,
            rate_limiting=rate_limiting,
        )
        self._gateways[name] = gateway
        return gateway

    def define_service_mesh(
        self,
        name: str,
        mesh_type: str,
        observability: Mapping[str, bool] | None = None,
        security: Mapping[str, bool] | None = None,
    ) -> m.Mesh:
        self._mesh = _build(
            m.Mesh,
            name=name,
            mesh_type=mesh_type,
            observability=observability or {},
            security=security or {},
        )
        return self._mesh

    def define_circuit_breaker(
        self, service_name: str, failure_threshold: int, reset_timeout_seconds: int
    ) -> m.CircuitBreaker:
        breaker = _build(
            m.CircuitBreaker,
            {"service": "service_name"},
            service=service_name,
            failure_threshold=failure_threshold,
            reset_timeout_seconds=reset_timeout_seconds,
        )
        self._breakers[service_name] = breaker
        return breaker

    def define_retry_policy(
        self,
        service_name: str,
        max_attempts: int,
        backoff_multiplier: float,
        max_backoff_ms: int,
        initial_backoff_ms: int = 100,
    ) -> m.RetryPolicy:
        policy = _build(
            m.RetryPolicy,
            {"service": "service_name"},
            service=service_name,
            max_attempts=max_attempts,
            backoff_multiplier=backoff_multiplier,
            initial_backoff_ms=initial_backoff_ms,
            max_backoff_ms=max_backoff_ms,
        )
        self._retries[service_name] = policy
        return policy

    def define_saga_pattern(
        self, saga_name: str, compensation_strategy: str = "sequential", description: str = ""
    ) -> m.Saga:
        saga = _build(
            m.Saga,
            {"name": "saga_name"},
            name=saga_name,
            compensation_strategy=compensation_strategy,
            description=description,
        )
        self._sagas[saga_name] = saga
        return saga

    def add_saga_step(
        self,
        saga: m.Saga | str,
        step_name: str,
        service_name: str,
        action: str,
        compensation: str = "",
    ) -> m.SagaStep:
        saga_name = saga if isinstance(saga, str) else saga.name
        if saga_name not in self._sagas:
            raise SpecValidationError.single(
                f"saga {saga_name!r} is not defined; call define_saga_pattern() first"
            )
        target = self._sagas[saga_name]
        step = _build(
            m.SagaStep,
            {"name": "step_name", "service": "service_name"},
            name=step_name,
            service=service_name,
            action=action,
            compensation=compensation,
        )
        target.steps.append(step)
        return step

    # --- what belongs to one service ---------------------------------------------

    def configure_health_checks(
        self, service_name: str, checks: Iterable[Mapping[str, Any]]
    ) -> None:
        self._set(service_name, health_checks=_build_each(m.HealthCheck, "checks", checks))

    def define_service_level_objectives(
        self, service_name: str, slo_config: Iterable[Mapping[str, Any]]
    ) -> None:
        self._set(service_name, slos=_build_each(m.ServiceLevelObjective, "slo_config", slo_config))

    def configure_distributed_tracing(
        self, service_name: str, tracer: str, sample_rate: float
    ) -> None:
        self._set(service_name, tracing=_build(m.Tracing, tracer=tracer, sample_rate=sample_rate))

    def define_deployment_strategy(
        self, service_name: str, strategy: str, canary_config: Mapping[str, Any] | None = None
    ) -> None:
        self._set(
            service_name,
            deployment=_build(
                m.Deployment, {"canary": "canary_config"}, strategy=strategy, canary=canary_config
            ),
        )

    def define_event_sourcing(
        self,
        service_name: str,
        event_store: Mapping[str, Any],
        snapshot_policy: Mapping[str, Any] | None = None,
    ) -> None:
        self._set(
            service_name,
            event_sourcing=_build(
                m.EventSourcing, event_store=event_store, snapshot_policy=snapshot_policy
            ),
        )

    def define_cqrs_pattern(
        self, service_name: str, read_model: Mapping[str, Any], write_model: Mapping[str, Any]
    ) -> None:
        self._set(service_name, cqrs=_build(m.Cqrs, read_model=read_model, write_model=write_model))

    # --- the spec ----------------------------------------------------------------

    def to_spec(self) -> m.Architecture:
        if self._fields is None:
            raise SpecValidationError.single("call define_architecture() first")
        data = architecture_to_data(
            m.Architecture.model_construct(
                **dict(self._fields),
                services=list(self._services.values()),
                gateways=list(self._gateways.values()),
                mesh=self._mesh,
                circuit_breakers=list(self._breakers.values()),
                retry_policies=list(self._retries.values()),
                sagas=list(self._sagas.values()),
            )
        )
        return architecture_from_data(data)

    def to_dict(self) -> dict[str, Any]:
        return architecture_to_data(self.to_spec())

    def validate(
        self,
        thresholds: Mapping[str, Mapping[str, float]] | None = None,
        disabled: Iterable[str] = (),
    ) -> Report:
        """Run the rule catalogue over this architecture's spec; findings worst first.

        `thresholds` overrides rules' thresholds ({"MS205": {"max_depth": 6}});
        `disabled` lists rule IDs not to run.
        """
        from .validation import validate

        return validate(self.to_spec(), thresholds=thresholds, disabled=disabled)

    def export(
        self,
        directory: str | os.PathLike,
        targets: Iterable[str] | None = None,
        *,
        revision: int | None = None,
        **options: Any,
    ) -> Bundle:
        """Write this architecture's manifests under `directory`, one folder per target
        (every target when none is named); returns the bundle, with its static checks'
        problems. `options` are export options (namespace="shop", replicas=3, ...)."""
        from .export import export_bundle

        bundle = export_bundle(self.to_spec(), targets, options, revision=revision)
        bundle.write_to(directory)
        return bundle

    def render(
        self,
        path: str | os.PathLike,
        view: str = "dependencies",
        format: str = "svg",
        **options: Any,
    ) -> bytes:
        """Draw one view of this architecture into the file `path` and return its bytes.

        `format` is svg, png, pdf, dot, mmd or structurizr; `options` are diagram
        options (service="order-service", hops=2, domain="orders", saga=..., ...)."""
        from .diagrams import DiagramOptions, render

        content = render(self.to_spec(), view, format, DiagramOptions(**options))
        with open(path, "wb") as handle:
            handle.write(content)
        return content

    def to_yaml(self) -> str:
        return dump_architecture(self.to_spec(), "yaml")

    def to_json(self) -> str:
        return dump_architecture(self.to_spec(), "json")

    @classmethod
    def from_spec(cls, arch: m.Architecture) -> Microservices:
        ms = cls()
        ms._fields = m.ArchitectureFields(
            **{key: getattr(arch, key) for key in m.ArchitectureFields.model_fields}
        )
        ms._services = {s.name: s for s in arch.services if not s.placeholder}
        ms._gateways = {g.name: g for g in arch.gateways}
        ms._mesh = arch.mesh
        ms._breakers = {p.service: p for p in arch.circuit_breakers}
        ms._retries = {p.service: p for p in arch.retry_policies}
        ms._sagas = {s.name: s for s in arch.sagas}
        return ms

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Microservices:
        return cls.from_spec(architecture_from_data(dict(data)))

    @classmethod
    def from_yaml(cls, text: str | bytes) -> Microservices:
        return cls.from_spec(parse_architecture(text, "yaml"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Microservices:
        return cls.from_spec(parse_architecture(text, "json"))

    # --- a server ------------------------------------------------------------------

    def push(
        self, url: str, token: str, workspace: str | None = None, if_match: str | None = None
    ) -> dict[str, Any]:
        """Create or replace this architecture on a server; returns the server's summary.

        `if_match`: the spec ETag your changes start from; the server then refuses
        (StaleVersionError) to replace what someone changed since. Without it the
        current ETag is read just before replacing.
        """
        spec = self.to_spec()
        data = architecture_to_data(spec)
        return remote.put_spec(url, token, spec.slug, data, workspace, if_match=if_match)

    @classmethod
    def pull(cls, url: str, token: str, slug: str, workspace: str | None = None) -> Microservices:
        return cls.from_dict(remote.get_spec(url, token, slug, workspace))

    def __repr__(self) -> str:
        name = self._fields.name if self._fields else "(undefined)"
        return f"<Microservices {name!r}: {len(self._services)} services>"


__all__ = ["Format", "Microservices", "ServiceHandle"]
