"""Running Graphviz: the `dot`/`sfdp` binaries with a timeout, errors for people."""

from __future__ import annotations

import re
import shutil
import subprocess

GRAPHVIZ_FORMATS = ("svg", "png", "pdf")
# Cairo stamps PDFs with the time they were made; a fixed stamp of the same length
# keeps the output identical for the same input (and the byte offsets valid).
_PDF_CREATION_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z?\)")


class RenderError(Exception):
    """Graphviz failed or took too long; the message is meant for people."""


def run_graphviz(dot: str, engine: str, fmt: str, timeout: float) -> bytes:
    """Lay out and draw DOT text with `engine` ("dot" or "sfdp") as svg, png or pdf."""
    if fmt not in GRAPHVIZ_FORMATS:
        raise ValueError(f"Graphviz does not draw {fmt!r} here")
    binary = shutil.which(engine)
    if binary is None:
        raise RenderError(
            f"Graphviz's `{engine}` program is not installed (Debian package `graphviz`)."
        )
    try:
        done = subprocess.run(
            [binary, f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz ({engine}) took longer than {timeout:g} s and was stopped; "
            "try a smaller view (one domain, or the collapsed map)."
        ) from None
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            f"Graphviz ({engine}) could not draw this diagram: {reason[-1] if reason else 'no output'}"
        )
    if fmt == "pdf":
        return _PDF_CREATION_DATE.sub(_fixed_date, done.stdout)
    return done.stdout


def _fixed_date(match: re.Match[bytes]) -> bytes:
    stamp = match.group(0)
    return (
        stamp[: stamp.index(b"D:") + 2]
        + b"19700101000000"
        + (b"Z)" if stamp.endswith(b"Z)") else b")")
    )
