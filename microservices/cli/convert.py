"""`convert`: read a spec (YAML or JSON), validate it and write its canonical form."""

from __future__ import annotations

import argparse

from ..spec.documents import dump_architecture
from ._io import (
    add_format_option,
    add_out_option,
    read_spec,
    write_output,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="validate a spec and write its canonical YAML or JSON",
        description="Read a spec document (YAML or JSON, '-' for standard input), "
        "validate it and write its canonical form. Errors are printed as "
        "FILE:LINE: field: message, and the exit status is 1.",
    )
    parser.add_argument("file", metavar="FILE", help="the spec to read, or - for stdin")
    add_format_option(parser, required=True)
    add_out_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    architecture, _, status = read_spec(args.file)
    if architecture is None:
        return status
    write_output(dump_architecture(architecture, args.format), args.out)
    return 0
