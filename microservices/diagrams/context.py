"""What every view reads: the spec's indexes plus the diagram's options and limits."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..spec.model import Architecture
from ..validation.context import Context
from .options import DEFAULT_LIMITS, DiagramOptionError, DiagramOptions, Limits

NO_DOMAIN = ""  # placeholders and services without a bounded context


class DiagramContext(Context):
    def __init__(
        self, spec: Architecture, options: DiagramOptions, limits: Limits = DEFAULT_LIMITS
    ):
        super().__init__(spec)
        self.options = options
        self.limits = limits

    def domain_of(self, service: str) -> str:
        found = self.services.get(service)
        return found.domain if found is not None else NO_DOMAIN

    @cached_property
    def members(self) -> dict[str, list[str]]:
        """domain -> its services, domains in name order (NO_DOMAIN first)."""
        found: dict[str, list[str]] = defaultdict(list)
        for name, service in self.services.items():
            found[service.domain].append(name)
        return dict(sorted(found.items()))

    @cached_property
    def calls(self) -> list[tuple[str, str, str]]:
        """(caller, callee, mode) for every dependency, in spec order."""
        return [
            (caller, callee, str(dep.mode)) for (caller, callee), dep in self.dependencies.items()
        ]

    @cached_property
    def neighbours(self) -> dict[str, list[str]]:
        """service -> services it calls or is called by (either mode), without repeats."""
        found: dict[str, dict[str, None]] = defaultdict(dict)
        for caller, callee, _ in self.calls:
            found[caller][callee] = None
            found[callee][caller] = None
        return {name: list(others) for name, others in found.items()}

    def chosen_domain(self) -> str:
        """The `domain` option, checked; "" when the whole architecture is drawn."""
        domain = self.options.domain
        if domain and domain not in self.members:
            known = ", ".join(d for d in self.members if d) or "none"
            raise DiagramOptionError(
                f"no domain {domain!r} in this architecture (domains: {known})"
            )
        return domain

    def chosen_service(self) -> str:
        name = self.options.service
        if not name:
            raise DiagramOptionError("this view needs a service (the `service` option)")
        if name not in self.services:
            raise DiagramOptionError(f"no service {name!r} in this architecture")
        return name

    def protection(self, service: str) -> tuple[bool, bool]:
        """(has a circuit breaker, has a retry policy) on calls into `service`."""
        return service in self.breakers, service in self.retries
