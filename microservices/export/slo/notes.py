"""What the SLO export assumed where the design says nothing, in the bundle's README."""

from __future__ import annotations

from ..context import ExportContext
from ..slo_queries import BucketSpan, bucket_span, decimal_text, signals
from .burn_rate import SEVERITIES, WORKBOOK_PERIOD_MINUTES, BurnRateCondition
from .objectives import Objective

POLICY = (
    "Burn-rate alerts follow the SRE workbook's policy for a 30-day objective (page: 14.4x "
    "over 1h and 5m, or 6x over 6h and 30m; ticket: 3x over 1d and 2h, or 1x over 3d and "
    "6h). For an objective over another window every alert window is scaled by window / 30d "
    "(whole minutes, never under 5m) and the factors are kept, so each alert still means "
    "the same share of that window's error budget (a larger one where the 5m floor applies)."
)
RULE_SELECTION = (
    "PrometheusRules carry only the workload labels (app.kubernetes.io/*, app, version): "
    "the Prometheus that should load them must select them (ruleSelector and "
    "ruleNamespaceSelector; kube-prometheus-stack selects only its own release label "
    "unless told otherwise)."
)


def _conditions_text(conditions: tuple[BurnRateCondition, ...]) -> str:
    def one(c: BurnRateCondition) -> str:
        return f"{decimal_text(c.factor)}x over {c.windows}"

    return "; ".join(
        f"{severity} on {' or '.join(one(c) for c in conditions if c.severity == severity)}"
        for severity in SEVERITIES
    )


def _bucket_text(span: BucketSpan, histogram: str, unit: str) -> str:
    threshold = f"A latency objective of {decimal_text(span.threshold)} {unit}"
    if span.upper is None and span.lower == span.threshold:
        return f"{threshold} is a default bucket boundary of {histogram}: it is read exactly."
    if span.upper is None:
        return (
            f"{threshold} lies beyond the last default bucket boundary of {histogram} "
            f"({decimal_text(span.lower)} {unit}): every request slower than that counts as slow."
        )
    lower = decimal_text(span.lower) if span.lower is not None else "0"
    return (
        f"{threshold} falls between the default bucket boundaries {lower} and "
        f"{decimal_text(span.upper)} {unit} of {histogram}: the slow requests are "
        "interpolated linearly inside that bucket, as histogram_quantile does (add a "
        f"{decimal_text(span.threshold)} boundary to the histogram, keeping the defaults, "
        "to count them exactly)."
    )


def objective_notes(ctx: ExportContext, objective: Objective) -> list[str]:
    """The assumptions one objective's rules rely on."""
    s = signals(ctx, objective.service)
    notes = [
        POLICY,
        RULE_SELECTION,
        f"SLIs read {s.request_counter} and {s.histogram}: a bad request is one answered "
        "with a server error (5xx) or, for a latency objective, one slower than its threshold.",
    ]
    if objective.period_minutes != WORKBOOK_PERIOD_MINUTES:
        notes.append(
            f"Objectives over {objective.spec.window} alert as follows: "
            f"{_conditions_text(objective.conditions)}."
        )
    if objective.is_latency:
        unit = "ms" if s.to_milliseconds == 1.0 else "s"
        notes.append(_bucket_text(bucket_span(s, objective.threshold_ms), s.histogram, unit))
    if objective.error_budget == 0:
        notes.append(
            f"{objective.service} promises {objective.statement}: with no error budget every "
            "server error alerts, and OpenSLO (targets below 1) cannot describe it, so its "
            "OpenSLO file leaves it out."
        )
    return notes
