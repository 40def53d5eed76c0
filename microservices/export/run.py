"""Running an export: plan every file, build and render each, check, add the README."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from ..spec.errors import from_pydantic
from ..spec.model import Architecture
from .bundle import Bundle, check_path
from .checks import check_bundle
from .context import ExportContext
from .formats import render_file
from .options import ExportOptions
from .readme import readme_text
from .registry import resolve_targets

# progress(files_done, files_total)
OnProgress = Callable[[int, int], None]


def parse_options(options: ExportOptions | Mapping[str, Any] | None) -> ExportOptions:
    """Options from a mapping; errors name the option (`options.namespace`)."""
    if options is None or isinstance(options, ExportOptions):
        return options or ExportOptions()
    try:
        return ExportOptions.model_validate(dict(options))
    except ValidationError as exc:
        raise from_pydantic(exc, prefix=("options",)) from None


def export_bundle(
    spec: Architecture,
    targets: Iterable[str] | None = None,
    options: ExportOptions | Mapping[str, Any] | None = None,
    *,
    revision: int | None = None,
    on_progress: OnProgress | None = None,
) -> Bundle:
    """Export `spec` (canonical) to the chosen targets (all when none are named).

    Raises `UnknownTarget` or `SpecValidationError` (bad options) before any work;
    an exporter's failure propagates, so no partial bundle is ever returned.
    """
    exporters = resolve_targets(targets)
    ctx = ExportContext(
        spec,
        parse_options(options),
        revision=revision,
        targets=tuple(exp.name for exp in exporters),
    )
    planned = [(exp.name, planned) for exp in exporters for planned in exp.plan(ctx)]
    total = len(planned) + 1  # and the README
    files: dict[str, str] = {}
    documents: dict[str, list[Any]] = {}
    for done, (target, output) in enumerate(planned, start=1):
        path = check_path(f"{target}/{output.path}")
        if path in files:
            raise ValueError(f"two files of the {target} export have the path {path}")
        content = output.build()
        if path.endswith((".yaml", ".yml")):
            content = list(content)
            documents[path] = content
        files[path] = render_file(path, content, ctx)
        if on_progress is not None:
            on_progress(done, total)
    problems = check_bundle(documents)
    per_target = Counter(target for target, _ in planned)
    files["README.md"] = render_file(
        "README.md", readme_text(ctx, per_target, problems, files), ctx
    )
    if on_progress is not None:
        on_progress(total, total)
    return Bundle(
        files=dict(sorted(files.items())),
        targets=list(ctx.targets),
        problems=problems,
        files_per_target=dict(sorted(per_target.items())),
    )
