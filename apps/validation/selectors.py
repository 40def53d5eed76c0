"""Reading validation results back, with a fixed number of queries.

The findings of a run are one JSON column; suppressions are applied as they are
now (not as they were when the run finished), so suppressing a finding shows at
once without waiting for another run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.urls import reverse

from apps.architectures.models import Architecture
from apps.jobs.models import Job
from microservices.validation import all_rules
from microservices.validation.model import Severity

from .models import Suppression, ValidationRun
from .services import KIND, mark_suppressed

SEVERITIES = [severity.value for severity in Severity]  # worst first
SHOWN_PER_RULE = 100  # a page stays readable (and fast) on an architecture with 30,000 findings

# The page each kind of subject links to: which object page, and the part of the
# key naming it (dependency "a->b" -> the caller a, route "gw:/p" -> the gateway).
_PAGES = {
    "service": ("service", lambda key: key),
    "dependency": ("service", lambda key: key.split("->", 1)[0]),
    "endpoint": ("service", lambda key: key.split(":", 1)[0]),
    "circuit_breaker": ("service", lambda key: key),
    "retry_policy": ("service", lambda key: key),
    "health_check": ("service", lambda key: key.split("/", 1)[0]),
    "slo": ("service", lambda key: key.split("/", 1)[0]),
    "gateway": ("gateway", lambda key: key),
    "route": ("gateway", lambda key: key.split(":", 1)[0]),
    "saga": ("saga", lambda key: key),
    "saga_step": ("saga", lambda key: key.split("/", 1)[0]),
}


def validation_jobs(architecture: Architecture):
    return Job.objects.filter(kind=KIND, architecture=architecture).without_payload()


def latest_run(architecture: Architecture) -> ValidationRun | None:
    return (
        ValidationRun.objects.filter(architecture=architecture)
        .select_related("job")
        .order_by("-created_at", "-id")
        .first()
    )


def pending_job(architecture: Architecture) -> Job | None:
    """The newest validation job that has not finished yet, if any."""
    return (
        validation_jobs(architecture)
        .filter(status__in=["queued", "running"])
        .order_by("-pk")
        .first()
    )


def suppressions_of(architecture: Architecture) -> list[Suppression]:
    return list(Suppression.objects.filter(architecture=architecture).select_related("user"))


def current_findings(run: ValidationRun | None, suppressions) -> tuple[list[dict], dict]:
    """The run's findings flagged with today's suppressions, and the counts."""
    if run is None:
        return [], {severity: 0 for severity in SEVERITIES} | {"suppressed": 0}
    findings = [dict(finding) for finding in run.findings]
    return findings, mark_suppressed(findings, suppressions)


class SubjectLinker:
    """subject string -> (label, URL or ""), without a query (URLs are built once)."""

    def __init__(self, workspace: str, architecture: str):
        marker = "__object__"
        self._bases = {
            page: reverse(f"architectures:{page}", args=[workspace, architecture, marker])
            for page in ("service", "gateway", "saga")
        }
        self._marker = marker

    def url(self, subject: str) -> str:
        kind, _, key = subject.partition(":")
        page = _PAGES.get(kind)
        if page is None or not key:
            return ""
        name, pick = page
        return self._bases[name].replace(self._marker, quote(pick(key), safe=""))

    def __call__(self, subject: str) -> dict[str, str]:
        kind, _, key = subject.partition(":")
        return {"kind": kind.replace("_", " "), "key": key, "url": self.url(subject)}


@dataclass
class RuleGroup:
    rule: Any  # microservices.validation.Rule, or None for a rule gone from the catalogue
    rule_id: str
    title: str
    findings: list[dict] = field(default_factory=list)
    more: int = 0  # findings of the rule not shown (past SHOWN_PER_RULE)


@dataclass
class SeverityGroup:
    severity: str
    count: int = 0
    rules: list[RuleGroup] = field(default_factory=list)


def grouped(findings: list[dict], linker: SubjectLinker) -> tuple[list[SeverityGroup], list]:
    """Active findings by severity (worst first) then rule; suppressed ones apart."""
    rules = all_rules()
    by_severity: dict[str, dict[str, RuleGroup]] = {s: {} for s in SEVERITIES}
    suppressed = []
    for finding in findings:
        if finding.get("suppressed"):
            finding["links"] = [linker(subject) for subject in finding["subjects"]]
            suppressed.append(finding)
            continue
        groups = by_severity.setdefault(finding["severity"], {})
        group = groups.get(finding["rule"])
        if group is None:
            rule = rules.get(finding["rule"])
            group = groups[finding["rule"]] = RuleGroup(rule, finding["rule"], finding["title"])
        if len(group.findings) < SHOWN_PER_RULE:
            finding["links"] = [linker(subject) for subject in finding["subjects"]]
            group.findings.append(finding)
        else:
            group.more += 1
    result = []
    for severity, groups in by_severity.items():
        ordered = [groups[rule_id] for rule_id in sorted(groups)]
        total = sum(len(group.findings) + group.more for group in ordered)
        result.append(SeverityGroup(severity, total, ordered))
    return result, suppressed


def service_badges(findings: list[dict]) -> dict[str, dict[str, int]]:
    """{service name: {"error": n, "warning": n}} from the run's primary subjects."""
    badges: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "warning": 0})
    for finding in findings:
        if finding.get("suppressed") or finding["severity"] not in ("error", "warning"):
            continue
        if not finding["subjects"]:
            continue
        kind, _, key = finding["subjects"][0].partition(":")
        page = _PAGES.get(kind)
        if page is None or page[0] != "service":
            continue
        badges[page[1](key)][finding["severity"]] += 1
    return dict(badges)


def summary(architecture: Architecture) -> dict[str, Any]:
    """What the architecture page shows: counts by severity, staleness, pending job."""
    run = latest_run(architecture)
    suppressions = suppressions_of(architecture) if run is not None else []
    findings, counts = current_findings(run, suppressions)
    return {
        "run": run,
        "counts": counts,
        "stale": run is not None and run.is_stale_for(architecture),
        "pending": pending_job(architecture),
        "badges": service_badges(findings),
    }
