"""Running the catalogue over a spec."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..gc_pause import paused_gc
from ..spec.model import Architecture
from .context import Context
from .model import Finding, Rule, Severity
from .registry import all_rules


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]
    seconds: float
    counts: Mapping[str, int] = field(default_factory=dict)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def as_dict(self) -> dict:
        return {
            "findings": [finding.as_dict() for finding in self.findings],
            "counts": dict(self.counts),
            "rules_run": list(self.rules_run),
            "seconds": round(self.seconds, 4),
        }


def params_for(rule: Rule, overrides: Mapping[str, Mapping[str, float]] | None) -> dict:
    params = rule.defaults()
    for name, value in ((overrides or {}).get(rule.id) or {}).items():
        if name not in params:
            raise ValueError(f"rule {rule.id} has no threshold {name!r}")
        params[name] = value
    return params


def _sort_key(finding: Finding):
    return (-finding.severity.rank, finding.rule, finding.subjects, finding.message)


def validate(
    spec: Architecture,
    *,
    thresholds: Mapping[str, Mapping[str, float]] | None = None,
    disabled: Iterable[str] = (),
) -> Report:
    """Every enabled rule over `spec` (a canonical spec); findings worst first."""
    started = time.perf_counter()
    skip = set(disabled)
    context = Context(spec)
    findings: list[Finding] = []
    ran = []
    with paused_gc():
        for rule in all_rules().values():
            if rule.id in skip:
                continue
            ran.append(rule.id)
            params = params_for(rule, thresholds)
            for found in rule.check(context, params):
                findings.append(
                    Finding(
                        rule=rule.id,
                        severity=rule.severity,
                        title=rule.title,
                        message=found.message,
                        subjects=found.subjects,
                        data=found.data,
                    )
                )
    findings.sort(key=_sort_key)
    counts = Counter(finding.severity.value for finding in findings)
    return Report(
        findings=tuple(findings),
        rules_run=tuple(ran),
        seconds=time.perf_counter() - started,
        counts={severity.value: counts.get(severity.value, 0) for severity in Severity},
    )
