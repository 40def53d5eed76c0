"""`rules`: print the rule catalogue (ID, severity, family, rationale, fix, thresholds)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from ._io import add_out_option, write_output

if TYPE_CHECKING:
    from ..validation.model import Rule


def rule_as_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "family": rule.family,
        "title": rule.title,
        "rationale": rule.rationale,
        "fix": rule.fix,
        "thresholds": [
            {"name": t.name, "default": t.default, "description": t.description}
            for t in rule.thresholds
        ],
    }


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="print the validation rule catalogue",
        description="Print every validation rule: its ID, severity, family, title, "
        "rationale, how to fix what it finds and its thresholds with their defaults.",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="(default: text)"
    )
    add_out_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..validation.registry import all_rules
    from ..validation.text import format_catalogue

    rules = list(all_rules().values())
    if args.format == "json":
        text = json.dumps({"rules": [rule_as_dict(r) for r in rules]}, indent=2) + "\n"
    else:
        text = format_catalogue(rules)
    write_output(text, args.out)
    return 0
