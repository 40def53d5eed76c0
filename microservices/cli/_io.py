"""What the commands share: reading a document, writing a result, reporting errors."""

from __future__ import annotations

import argparse
import sys

from ..spec.documents import parse_architecture
from ..spec.errors import SpecValidationError
from ..spec.model import Architecture

STDIO = "-"


def source_name(path: str) -> str:
    return "<stdin>" if path == STDIO else path


def read_input(path: str) -> bytes:
    """The bytes of a file, or of standard input for '-'; OSError if unreadable."""
    if path == STDIO:
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def write_output(text: str, path: str | None) -> None:
    """Write text as UTF-8 to a file, or to standard output when no file (or '-')."""
    if path is None or path == STDIO:
        stdout = getattr(sys.stdout, "buffer", None)
        if stdout is None:  # a text-only stream (e.g. replaced by a caller)
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            stdout.write(text.encode("utf-8"))
            stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def report_errors(source: str, error: SpecValidationError) -> int:
    """Print each error as `SOURCE:LINE: field: message` on stderr; return 1."""
    for item in error.errors:
        where = f"{source}:{item.line}" if item.line else source
        field = f"{item.field}: " if item.loc else ""
        print(f"{where}: {field}{item.message}", file=sys.stderr)
    return 1


def report_failure(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def read_spec(path: str) -> tuple[Architecture | None, bytes, int]:
    """(the spec in FILE or stdin, its bytes, 0), or (None, b"", exit status) once the
    reason it cannot be read has been printed."""
    source = source_name(path)
    try:
        content = read_input(path)
    except OSError as exc:
        return None, b"", report_failure(f"{source}: cannot read: {exc.strerror or exc}")
    try:
        return parse_architecture(content), content, 0
    except SpecValidationError as exc:
        return None, b"", report_errors(source, exc)


def add_out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")


def add_format_option(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--format",
        choices=("yaml", "json"),
        required=required,
        default=None if required else "yaml",
        help="the output format" + ("" if required else " (default: yaml)"),
    )
