"""`render`: draw one view of a spec as svg, png, pdf, dot, mmd or structurizr."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from ._io import STDIO, read_spec, report_failure


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..diagrams import FORMATS, VIEWS

    parser = subparsers.add_parser(
        "render",
        help="draw a view of a spec (Graphviz, Mermaid or Structurizr)",
        description="Read a spec document (YAML or JSON, '-' for standard input) and draw "
        "one view of it. Large dependency maps start collapsed to domains; notes about "
        "what was done are printed on standard error. The exit status is 1 when the "
        "spec is invalid, an option names something the spec lacks, or Graphviz fails.",
    )
    parser.add_argument("file", metavar="FILE", help="the spec to read, or - for stdin")
    parser.add_argument("--view", choices=tuple(VIEWS), default="dependencies")
    parser.add_argument("--format", choices=FORMATS, default="svg")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--service", default="", help="the focus view's service")
    parser.add_argument("--hops", type=int, default=1, help="how far the focus view reaches")
    parser.add_argument("--domain", default="", help="draw only this domain")
    parser.add_argument("--saga", default="", help="draw only this saga")
    parser.add_argument(
        "--expand", action="append", default=[], metavar="DOMAIN",
        help="draw this domain service by service while collapsed (repeatable)",
    )  # fmt: skip
    collapse = parser.add_mutually_exclusive_group()
    collapse.add_argument("--collapse", dest="collapse", action="store_true", default=None)
    collapse.add_argument("--no-collapse", dest="collapse", action="store_false")
    parser.add_argument("--author", default="", help="the title block's author")
    parser.add_argument("--revision", type=int, default=None, help="the title block's revision")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..diagrams import DiagramOptions, RenderError, TitleBlock, render

    spec, _, status = read_spec(args.file)
    if spec is None:
        return status
    title = TitleBlock(
        architecture=spec.name,
        revision=args.revision,
        date=datetime.now(UTC).date().isoformat(),
        author=args.author,
    )
    try:
        options = DiagramOptions(
            domain=args.domain,
            service=args.service,
            hops=args.hops,
            saga=args.saga,
            collapse=args.collapse,
            expand=tuple(args.expand),
        )
        content = render(spec, args.view, args.format, options, title=title)
    except (ValueError, RenderError) as exc:
        return report_failure(f"error: {exc}")
    write_bytes(content, args.out)
    return 0


def write_bytes(content: bytes, path: str | None) -> None:
    if path is None or path == STDIO:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    with open(path, "wb") as handle:
        handle.write(content)
