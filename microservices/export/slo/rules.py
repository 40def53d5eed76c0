"""A service's SLOs as one PrometheusRule: SLI recordings, meta recordings, burn-rate alerts.

One rule group per objective, recordings first so that the alerts read values of
the same evaluation. Recorded series carry `namespace`, `service` and `slo`
labels, which is the aggregation level their names start with.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...spec.model import Service
from ..context import ExportContext
from ..slo_queries import decimal_text
from .burn_rate import SEVERITIES, BurnRateCondition, alert_windows, duration
from .objectives import Objective, percent

LEVEL = "namespace_service_slo"
BAD_RATIO = f"{LEVEL}:bad_requests_per_requests"
OBJECTIVE = f"{LEVEL}:objective:ratio"
ERROR_BUDGET = f"{LEVEL}:error_budget:ratio"
TIME_WINDOW = f"{LEVEL}:time_window:seconds"
LATENCY_THRESHOLD = f"{LEVEL}:latency_threshold:seconds"
ALERT = "ErrorBudgetBurn"


def bad_ratio_record(window_minutes: int) -> str:
    """The name of the recorded bad-events ratio over a window: `...:ratio_rate5m`."""
    return f"{BAD_RATIO}:ratio_rate{duration(window_minutes)}"


def _series_labels(ctx: ExportContext, objective: Objective) -> dict[str, str]:
    return {"namespace": ctx.namespace, "service": objective.service, "slo": objective.name}


def _selector(labels: dict[str, str]) -> str:
    return ",".join(f'{key}="{value}"' for key, value in labels.items())


def _recordings(ctx: ExportContext, objective: Objective) -> list[dict[str, Any]]:
    labels = _series_labels(ctx, objective)
    rules = [
        {
            "record": bad_ratio_record(minutes),
            "expr": objective.bad_events(ctx, duration(minutes)).ratio,
            "labels": dict(labels),
        }
        for minutes in alert_windows(objective.conditions)
    ]
    meta = [
        (OBJECTIVE, objective.good_ratio),
        (ERROR_BUDGET, objective.error_budget),
        (TIME_WINDOW, Decimal(objective.period_minutes * 60)),
    ]
    if objective.is_latency:
        meta.append((LATENCY_THRESHOLD, objective.threshold_ms / 1000))
    rules += [
        {"record": record, "expr": f"vector({decimal_text(value)})", "labels": dict(labels)}
        for record, value in meta
    ]
    return rules


def _condition(selector: str, objective: Objective, condition: BurnRateCondition) -> str:
    threshold = f"({decimal_text(condition.factor)} * {decimal_text(objective.error_budget)})"
    long, short = (
        f"{bad_ratio_record(minutes)}{{{selector}}} > {threshold}"
        for minutes in (condition.long_minutes, condition.short_minutes)
    )
    if long == short:  # an objective window so short that both windows hit the floor
        return f"({long})"
    # The long window first: the alert's value is then its ratio.
    return f"({long} and {short})"


def _describe(condition: BurnRateCondition, objective: Objective) -> str:
    return (
        f"{decimal_text(condition.factor)}x over {condition.windows} "
        f"({percent(condition.budget_share(objective.period_minutes))} of the budget)"
    )


def _alert(
    ctx: ExportContext, service: Service, objective: Objective, severity: str
) -> dict[str, Any]:
    conditions = [c for c in objective.conditions if c.severity == severity]
    selector = _selector(_series_labels(ctx, objective))
    labels = {"severity": severity, "service": service.name, "slo": objective.name}
    if service.owner:
        labels["team"] = service.owner
    return {
        "alert": ALERT,
        "expr": " or ".join(_condition(selector, objective, c) for c in conditions),
        "labels": labels,
        "annotations": {
            "summary": f"{service.name} is spending its {objective.name} error budget too fast",
            "description": (
                f"Objective: {objective.statement}; error budget: "
                f"{percent(objective.error_budget)} of requests may {objective.bad_request}. "
                "It burns at "
                f"{' or '.join(_describe(c, objective) for c in conditions)}. "
                "Bad requests over the long window: {{ $value | humanizePercentage }}."
            ),
        },
    }


def _group(ctx: ExportContext, service: Service, objective: Objective) -> dict[str, Any]:
    return {
        "name": f"{service.name}-{objective.name.replace('_', '-')}-slo",
        "rules": [
            *_recordings(ctx, objective),
            *(_alert(ctx, service, objective, severity) for severity in SEVERITIES),
        ],
    }


def prometheus_rule(
    ctx: ExportContext, service: Service, objectives: list[Objective]
) -> dict[str, Any]:
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": ctx.metadata(service.name, "slo"),
        "spec": {"groups": [_group(ctx, service, objective) for objective in objectives]},
    }
