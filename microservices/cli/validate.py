"""`validate`: run the rule catalogue over a spec file, for people and pipelines."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from urllib.parse import quote

from ._io import (
    STDIO,
    add_out_option,
    read_spec,
    source_name,
    write_output,
)

# --fail-on -> the lowest severity rank that fails (Severity.rank: error 2, warning 1).
FAIL_ON = {"error": 2, "warning": 1, "never": None}
PRETTY_LIMIT = 1000  # JSON and SARIF are indented up to this many findings


def all_rules():
    """The catalogue, imported on first use (the other commands never need it)."""
    from ..validation.registry import all_rules

    return all_rules()


def rule_ids(text: str) -> list[str]:
    """`MS204` or `MS204,MS205`: rule IDs that must exist."""
    known = all_rules()
    ids = [part.strip().upper() for part in text.split(",") if part.strip()]
    for rule_id in ids:
        if rule_id not in known:
            raise argparse.ArgumentTypeError(f"unknown rule {rule_id!r}")
    return ids


def threshold(text: str) -> tuple[str, str, float | int]:
    """`MS205.max_depth=6` -> ("MS205", "max_depth", 6), checked against the catalogue."""
    target, equals, value_text = text.partition("=")
    rule_id, dot, name = target.partition(".")
    if not (equals and dot and rule_id and name and value_text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not RULE.NAME=VALUE (e.g. MS205.max_depth=6)"
        )
    rule_id = rule_id.strip().upper()
    known = all_rules().get(rule_id)
    if known is None:
        raise argparse.ArgumentTypeError(f"unknown rule {rule_id!r}")
    defaults = known.defaults()
    if name not in defaults:
        names = ", ".join(defaults) or "none"
        raise argparse.ArgumentTypeError(
            f"rule {rule_id} has no threshold {name!r} (its thresholds: {names})"
        )
    try:
        value: float | int = int(value_text)
    except ValueError:
        try:
            value = float(value_text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value_text!r} is not a number") from None
    return rule_id, name, value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a spec against the rule catalogue",
        description="Read a spec document (YAML or JSON, '-' for standard input) and report "
        "what the rules find in it, as text, JSON or SARIF 2.1.0. The exit status is 1 when "
        "a finding at or above --fail-on exists (or the document is invalid: errors are "
        "printed as FILE:LINE: field: message), 2 for a usage error, 0 otherwise. JSON and "
        f"SARIF are indented up to {PRETTY_LIMIT:,} findings, compact above.",
    )
    parser.add_argument("file", metavar="FILE", help="the spec to read, or - for stdin")
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="the output format (default: text)",
    )
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="error",
        help="exit 1 when a finding at or above this severity exists (default: error)",
    )
    parser.add_argument(
        "--disable",
        type=rule_ids,
        nargs="+",
        action="extend",
        default=[],
        metavar="RULE",
        help="rules not to run (e.g. MS204; repeatable, or comma-separated)",
    )
    parser.add_argument(
        "--threshold",
        type=threshold,
        action="append",
        default=[],
        metavar="RULE.NAME=VALUE",
        help="override a rule's threshold (e.g. MS205.max_depth=6; repeatable)",
    )
    add_out_option(parser)
    parser.set_defaults(run=run)


def as_json(data: dict, findings: int) -> str:
    """Indented for people; compact (and much faster) for very large reports."""
    indent = 2 if findings <= PRETTY_LIMIT else None
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def render(report, spec, args: argparse.Namespace, content: bytes) -> str:
    from ..validation.sarif import sarif_log
    from ..validation.text import format_report

    if args.format == "json":
        return as_json(report.as_dict(), len(report.findings))
    if args.format == "sarif":
        uri = None if args.file == STDIO else quote(Path(args.file).as_posix(), safe="/:")
        return as_json(sarif_log(report, spec, uri=uri, text=content), len(report.findings))
    return format_report(report, source=source_name(args.file))


def run(args: argparse.Namespace) -> int:
    from ..validation import validate

    spec, content, status = read_spec(args.file)
    if spec is None:
        return status
    overrides: dict[str, dict[str, float | int]] = {}
    for rule_id, name, value in args.threshold:
        overrides.setdefault(rule_id, {})[name] = value
    disabled = [rule_id for group in args.disable for rule_id in group]
    report = validate(spec, thresholds=overrides, disabled=disabled)
    write_output(render(report, spec, args, content), args.out)
    limit = FAIL_ON[args.fail_on]
    failed = limit is not None and any(f.severity.rank >= limit for f in report.findings)
    return 1 if failed else 0
