"""What one service level objective means in events: its budget and its bad events.

Availability and error-rate objectives count server errors as bad events; a
latency objective counts the requests slower than its threshold, so a p99
objective promises that 99% of requests are faster.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...spec.enums import LatencyUnit, ObjectiveName
from ...spec.model import ServiceLevelObjective
from ..context import ExportContext
from ..slo_queries import BadEvents, decimal_text, server_errors, slow_requests
from .burn_rate import BurnRateCondition, conditions_for, window_minutes

# The share of requests a p99 latency objective promises under its threshold.
P99 = Decimal("0.99")


def percent(ratio: Decimal) -> str:
    return f"{float(ratio * 100):.6g}%"


@dataclass(frozen=True)
class Objective:
    service: str
    spec: ServiceLevelObjective

    @property
    def name(self) -> str:
        return self.spec.name.value

    @property
    def target(self) -> Decimal:
        return Decimal(str(self.spec.target))

    @property
    def is_latency(self) -> bool:
        return self.spec.name == ObjectiveName.LATENCY_P99

    @property
    def good_ratio(self) -> Decimal:
        """The share of events promised to be good."""
        if self.is_latency:
            return P99
        if self.spec.name == ObjectiveName.ERROR_RATE:
            return 1 - self.target
        return self.target

    @property
    def error_budget(self) -> Decimal:
        """The share of events allowed to be bad."""
        return 1 - self.good_ratio

    @property
    def threshold_ms(self) -> Decimal:
        """A latency objective's threshold in milliseconds."""
        return self.target * (1000 if self.spec.unit == LatencyUnit.SECONDS else 1)

    @property
    def period_minutes(self) -> int:
        return window_minutes(self.spec.window)

    @property
    def conditions(self) -> tuple[BurnRateCondition, ...]:
        return conditions_for(self.period_minutes)

    def bad_events(self, ctx: ExportContext, window: str) -> BadEvents:
        if self.is_latency:
            return slow_requests(ctx, self.service, self.threshold_ms, window)
        return server_errors(ctx, self.service, window)

    @property
    def statement(self) -> str:
        """The objective in words: `availability 99.9% over 30d`."""
        if self.is_latency:
            return (
                f"99% of requests faster than {decimal_text(self.threshold_ms)} ms "
                f"over {self.spec.window}"
            )
        if self.spec.name == ObjectiveName.ERROR_RATE:
            return f"error rate under {percent(self.target)} over {self.spec.window}"
        return f"availability {percent(self.target)} over {self.spec.window}"

    @property
    def bad_request(self) -> str:
        """What makes a request bad, as a verb phrase: `fail with a server error`."""
        if self.is_latency:
            return f"take longer than {decimal_text(self.threshold_ms)} ms"
        return "fail with a server error"


def objectives_of(service_name: str, specs: list[ServiceLevelObjective]) -> list[Objective]:
    return [Objective(service_name, spec) for spec in specs]
