"""`synth`: print (or write) a deterministic synthetic architecture."""

from __future__ import annotations

import argparse

from ..spec.documents import dump_architecture
from ..synth import synthesize
from ._io import add_format_option, add_out_option, write_output


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth",
        help="generate a synthetic architecture spec",
        description="Generate a plausible architecture of N services (about 5 calls per "
        "service, hubs, events, gateways, sagas). The same N and seed always give the "
        "same document.",
    )
    parser.add_argument(
        "--services", type=positive_int, required=True, metavar="N", help="how many services"
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help="the random seed (default: 0)"
    )
    add_format_option(parser, required=False)
    add_out_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    write_output(dump_architecture(synthesize(args.services, args.seed), args.format), args.out)
    return 0
