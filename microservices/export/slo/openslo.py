"""A service's SLOs as OpenSLO v1 documents: one Service and one SLO per objective.

The indicator is a ratio of bad events to all events whose queries are the
numerator and denominator of the PrometheusRule's shortest recorded ratio, so
both files measure the same thing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ...spec.model import Service
from ..context import ExportContext
from .burn_rate import alert_windows, duration
from .objectives import Objective

API_VERSION = "openslo/v1"
# OpenSLO names are RFC 1123 labels.
MAX_NAME = 63


def object_name(*parts: str) -> str:
    """`parts` joined by '-', shortened with a digest of the whole when too long."""
    name = "-".join(parts).replace("_", "-")
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_NAME - len(digest) - 1].rstrip('-')}-{digest}"


def has_budget(objective: Objective) -> bool:
    """OpenSLO targets lie in [0, 1): an objective of 100% cannot be written."""
    return objective.error_budget > 0


def _metadata(name: str, display_name: str, service: Service) -> dict[str, Any]:
    labels = {}
    if service.owner:
        labels["team"] = service.owner
    if service.domain:
        labels["domain"] = service.domain
    metadata: dict[str, Any] = {"name": name, "displayName": display_name}
    if labels:
        metadata["labels"] = labels
    return metadata


def _source(query: str) -> dict[str, Any]:
    return {"metricSource": {"type": "Prometheus", "spec": {"query": query}}}


def _slo(ctx: ExportContext, service: Service, objective: Objective) -> dict[str, Any]:
    name = object_name(service.name, objective.name)
    window = duration(alert_windows(objective.conditions)[0])
    events = objective.bad_events(ctx, window)
    return {
        "apiVersion": API_VERSION,
        "kind": "SLO",
        "metadata": _metadata(name, objective.statement, service),
        "spec": {
            "description": (
                f"{objective.statement}; bad events are requests that {objective.bad_request}, "
                f"read as per-second rates over {window}."
            ),
            "service": service.name,
            "indicator": {
                "metadata": {"name": object_name(service.name, objective.name, "sli")},
                "spec": {
                    "ratioMetric": {
                        # Per-second rates, not raw counters: the queries already
                        # take `rate`, so a counter reset in one pod cannot show.
                        "counter": False,
                        "bad": _source(events.bad),
                        "total": _source(events.total),
                    }
                },
            },
            "timeWindow": [{"duration": objective.spec.window, "isRolling": True}],
            "budgetingMethod": "Occurrences",
            "objectives": [
                {"displayName": objective.statement, "target": float(objective.good_ratio)}
            ],
        },
    }


def openslo_documents(
    ctx: ExportContext, service: Service, objectives: list[Objective]
) -> list[dict[str, Any]]:
    description = f"{service.name} of {' '.join(ctx.spec.name.split())}"
    documents: list[dict[str, Any]] = [
        {
            "apiVersion": API_VERSION,
            "kind": "Service",
            "metadata": _metadata(service.name, service.name, service),
            "spec": {"description": description},
        }
    ]
    documents += [_slo(ctx, service, o) for o in objectives if has_budget(o)]
    return documents
