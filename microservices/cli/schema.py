"""`schema`: print (or write) the JSON Schema of the spec document."""

from __future__ import annotations

import argparse

from ..spec.schema import SCHEMA_ID, architecture_json_schema_text
from ._io import add_out_option, write_output


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the spec document",
        description=f"Print the JSON Schema (draft 2020-12) of the spec document, {SCHEMA_ID}.",
    )
    add_out_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    write_output(architecture_json_schema_text(), args.out)
    return 0
