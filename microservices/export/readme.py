"""The bundle's README: what is inside, how to apply it, what was left out and why."""

from __future__ import annotations

from collections.abc import Mapping

from .bundle import Problem
from .context import ExportContext
from .registry import all_exporters

# The order a cluster needs: the namespace and workloads before what refers to them.
APPLY_ORDER = ("kubernetes", "opentelemetry", "istio", "argo-rollouts", "prometheus", "kafka")


def _options_table(ctx: ExportContext) -> list[str]:
    lines = ["| option | value |", "|---|---|"]
    values = ctx.options.model_dump()
    values["namespace"] = ctx.namespace
    lines += [f"| `{name}` | `{value}` |" for name, value in values.items()]
    return lines


def _apply_rank(target: str) -> int:
    return APPLY_ORDER.index(target) if target in APPLY_ORDER else len(APPLY_ORDER)


def readme_text(
    ctx: ExportContext,
    files_per_target: Mapping[str, int],
    problems: list[Problem],
    files: Mapping[str, str],
) -> str:
    exporters = all_exporters()
    lines = [f"# {' '.join(ctx.spec.name.split())}: exported manifests", ""]
    lines += ["## Contents", "", "| target | files |", "|---|---|"]
    lines += [f"| `{target}/` | {files_per_target.get(target, 0)} |" for target in ctx.targets]
    lines += ["", "## Options", "", *_options_table(ctx), ""]

    applied = [
        f"{target}/{path}" if path else f"{target}/"
        for target in sorted(ctx.targets, key=_apply_rank)
        for path in exporters[target].applies
    ]
    if applied:
        lines += ["## Apply", "", "```sh"]
        lines += [f"kubectl apply --recursive -f {path}" for path in applied]
        lines += ["```", ""]

    placeholders = sorted(ctx.placeholders)
    lines += ["## Placeholders (skipped)", ""]
    if placeholders:
        lines += [
            "These services are referenced by the design but never defined, so nothing was "
            "generated for them; calls to them will fail until they exist:",
            "",
            *[f"- `{name}`" for name in placeholders],
        ]
    else:
        lines.append("None: every referenced service is defined.")
    lines.append("")

    notes = ctx.notes
    lines += ["## Defaults applied where the design says nothing", ""]
    if notes:
        for target, texts in notes.items():
            lines += [f"### {target}", "", *[f"- {text}" for text in texts], ""]
    else:
        lines += ["None.", ""]

    lines += ["## Static checks", ""]
    if problems:
        lines += ["| code | severity | file | object | problem |", "|---|---|---|---|---|"]
        lines += [
            f"| {p.code} | {p.severity} | `{p.path}` | {p.kind} `{p.name}` | {p.message} |"
            for p in problems
        ]
    else:
        lines.append("The bundle passes every static check (Kiali's codes) the designer runs.")
    lines.append("")
    return "\n".join(lines)
