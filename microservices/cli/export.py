"""`export`: write the manifests of a spec, one folder per target."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..spec.errors import SpecValidationError
from ._io import read_spec, report_errors, report_failure


def _targets(text: str) -> list[str]:
    from ..export.registry import UnknownTarget, resolve_targets

    names = [part.strip() for part in text.split(",") if part.strip()]
    try:
        resolve_targets(names)
    except UnknownTarget as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return names


def _option_flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..export.options import ExportOptions

    parser = subparsers.add_parser(
        "export",
        help="write Kubernetes, Istio, Argo Rollouts, Prometheus, Kafka... manifests",
        description="Read a spec document (YAML or JSON, '-' for standard input) and write the "
        "files of each export target into its own folder of DIR, with a README.md that lists "
        "what was skipped and which defaults were applied. The exit status is 1 when the spec "
        "or an option is invalid or the bundle fails a static check, 0 otherwise.",
    )
    parser.add_argument("file", metavar="FILE", help="the spec to read, or - for stdin")
    parser.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")
    parser.add_argument(
        "--target",
        type=_targets,
        action="extend",
        default=[],
        metavar="NAME[,NAME...]",
        help="the targets to export (default: all; repeatable or comma-separated)",
    )
    parser.add_argument(
        "--revision", type=int, default=None, help="the revision to name in file headers"
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="empty the chosen targets' folders in DIR first (they must be empty otherwise)",
    )
    options = parser.add_argument_group("export options")
    for name, field in ExportOptions.model_fields.items():
        options.add_argument(
            _option_flag(name),
            dest=f"option_{name}",
            metavar=name.upper(),
            help=f"{field.description or name.replace('_', ' ')} (default: {field.default!r})",
        )
    parser.set_defaults(run=run)


def _chosen_options(args: argparse.Namespace) -> dict[str, str]:
    prefix = "option_"
    return {
        key[len(prefix) :]: value
        for key, value in vars(args).items()
        if key.startswith(prefix) and value is not None
    }


def _prepare(out: Path, targets: list[str], clean: bool) -> str | None:
    """Make DIR ready for the targets' folders; the reason it cannot be, or None."""
    for target in targets:
        folder = out / target
        if folder.exists() and any(folder.iterdir()):
            if not clean:
                return f"{folder} is not empty: pass --clean to replace its contents"
            shutil.rmtree(folder)
    return None


def run(args: argparse.Namespace) -> int:
    from ..export import export_bundle, resolve_targets

    spec, _, status = read_spec(args.file)
    if spec is None:
        return status
    targets = [exp.name for exp in resolve_targets(args.target)]
    try:
        bundle = export_bundle(spec, targets, _chosen_options(args), revision=args.revision)
    except SpecValidationError as exc:
        return report_errors("options", exc)
    out = Path(args.out)
    problem = _prepare(out, targets, args.clean)
    if problem:
        return report_failure(problem)
    bundle.write_to(out)
    print(f"Wrote {len(bundle.files):,} files ({', '.join(targets)}) to {out}", file=sys.stderr)
    for p in bundle.problems:
        print(f"{p.path}: {p.code} {p.severity}: {p.kind} {p.name}: {p.message}", file=sys.stderr)
    return 1 if any(p.severity == "error" for p in bundle.problems) else 0
