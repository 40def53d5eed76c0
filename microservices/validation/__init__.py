"""Validation: a catalogue of rules run over a spec, producing findings.

from microservices.validation import validate
report = validate(spec)            # spec: a canonical microservices.spec.Architecture
for finding in report.findings: ...
"""

from .engine import Report, validate
from .model import Finding, Rule, Severity, Subject
from .registry import all_rules

__all__ = ["Finding", "Report", "Rule", "Severity", "Subject", "all_rules", "validate"]
