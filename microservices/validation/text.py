"""A validation report, and the rule catalogue, as plain text for a terminal."""

from __future__ import annotations

from collections.abc import Iterable

from .engine import Report
from .model import Finding, Rule, Severity


def finding_line(finding: Finding) -> str:
    """`error MS101 service:payment-service — message` (the primary subject first)."""
    subject = str(finding.subjects[0]) if finding.subjects else "-"
    return f"{finding.severity.value} {finding.rule} {subject} — {finding.message}"


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 or word == "info" else f"{number} {word}s"


def summary_line(report: Report) -> str:
    """`22 findings: 11 errors, 8 warnings, 3 info (51 rules in 0.004 s)`."""
    counts = ", ".join(_count(report.counts.get(s.value, 0), s.value) for s in Severity)
    findings = _count(len(report.findings), "finding")
    rules = _count(len(report.rules_run), "rule")
    return f"{findings}: {counts} ({rules} in {report.seconds:.3f} s)"


def format_report(report: Report, *, source: str | None = None) -> str:
    """Findings grouped by severity, worst first, one line each, then a summary."""
    lines: list[str] = []
    if source:
        lines.append(f"{source}:")
    for severity in Severity:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{severity.value.upper()} ({len(group)})")
        lines.extend(finding_line(f) for f in group)
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def format_rule(rule: Rule) -> str:
    lines = [
        f"{rule.id} {rule.severity.value} [{rule.family}] {rule.title}",
        f"    why: {rule.rationale}",
        f"    fix: {rule.fix}",
    ]
    for threshold in rule.thresholds:
        lines.append(
            f"    threshold {threshold.name} = {threshold.default}: {threshold.description}"
        )
    return "\n".join(lines)


def format_catalogue(rules: Iterable[Rule]) -> str:
    rules = list(rules)
    body = "\n\n".join(format_rule(rule) for rule in rules)
    return f"{body}\n\n{_count(len(rules), 'rule')}\n" if rules else "0 rules\n"
