"""Prometheus: per service with SLOs, a PrometheusRule of SLO recordings and
multi-window multi-burn-rate alerts (`rules/`), and the same SLOs as OpenSLO v1
documents (`openslo/`). Services without SLOs get nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...spec.model import Service
from ..context import ExportContext
from ..registry import OutputFile, exporter
from ..slo.notes import objective_notes
from ..slo.objectives import objectives_of
from ..slo.openslo import openslo_documents
from ..slo.rules import prometheus_rule

NAME = "prometheus"


@exporter(
    NAME,
    title="Prometheus SLO rules",
    description=(
        "PrometheusRules with SLO recordings and burn-rate alerts after the Google SRE "
        "workbook, and the same SLOs as OpenSLO v1 documents."
    ),
    # OpenSLO documents are for SLO tools, not cluster objects.
    applies=("rules/",),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    for service in ctx.defined_services:
        if service.slos:
            yield OutputFile(f"rules/{service.name}.yaml", lambda s=service: _rules(ctx, s))
            yield OutputFile(f"openslo/{service.name}.yaml", lambda s=service: _openslo(ctx, s))


def _rules(ctx: ExportContext, service: Service) -> list[dict]:
    objectives = objectives_of(service.name, service.slos)
    for objective in objectives:
        for text in objective_notes(ctx, objective):
            ctx.note(NAME, text)
    return [prometheus_rule(ctx, service, objectives)]


def _openslo(ctx: ExportContext, service: Service) -> list[dict]:
    return openslo_documents(ctx, service, objectives_of(service.name, service.slos))
