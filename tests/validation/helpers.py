"""Building small specs and running one rule over them, for the rule tests."""

from __future__ import annotations

from typing import Any

from microservices.spec import architecture_from_data
from microservices.spec.model import Architecture
from microservices.validation import validate
from microservices.validation.model import Finding
from microservices.validation.registry import all_rules


def spec(**fields: Any) -> Architecture:
    """A canonical spec from keyword fields: spec(services=[...], gateways=[...])."""
    return architecture_from_data({"name": "Test", **fields})


def svc(name: str, *calls: str, mode: str = "sync", **fields: Any) -> dict[str, Any]:
    """A service dict calling `calls` with `mode`: svc("a", "b", domain="x")."""
    deps = [{"service": callee, "mode": mode} for callee in calls]
    return {"name": name, "dependencies": deps, **fields}


def findings(architecture: Architecture, rule_id: str, **thresholds: Any) -> list[Finding]:
    """The findings of one rule, with thresholds overridden."""
    others = [r for r in all_rules() if r != rule_id]
    report = validate(architecture, thresholds={rule_id: thresholds}, disabled=others)
    return list(report.findings)


def subjects(found: list[Finding]) -> list[list[str]]:
    return [[str(s) for s in f.subjects] for f in found]
