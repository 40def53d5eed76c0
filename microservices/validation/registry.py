"""The catalogue of rules: each family module registers its rules with `@rule`.

Adding a rule is one decorated function in its family's module (and its tests).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from .model import Check, Rule, Severity, Threshold

_RULES: dict[str, Rule] = {}


def rule(
    id: str,
    severity: Severity | str,
    title: str,
    *,
    rationale: str,
    fix: str,
    thresholds: dict[str, tuple[float | int, str]] | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated check `(ctx, params) -> Iterable[Hit]` as rule `id`."""

    def register(check: Check) -> Check:
        if id in _RULES:
            raise ValueError(f"rule {id} is registered twice")
        family = check.__module__.rsplit(".", 1)[-1]
        _RULES[id] = Rule(
            id=id,
            severity=Severity(severity),
            title=title,
            rationale=rationale,
            fix=fix,
            family=family,
            check=check,
            thresholds=tuple(
                Threshold(name, default, text)
                for name, (default, text) in (thresholds or {}).items()
            ),
        )
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every rule, by ID, in ID order (family modules are imported on first use)."""
    from . import rules as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_RULES.items()))
