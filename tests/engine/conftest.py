"""Fixtures of the engine tests: plain pytest, no Django."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from microservices import Microservices
from microservices.spec.model import Architecture
from microservices.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_EXAMPLE = ROOT / "examples" / "ecommerce.py"


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the first line of `text` containing `fragment`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} is not in the document")


@pytest.fixture
def reference_example() -> Microservices:
    """The reference example of DESIGN.md, run as a script."""
    return runpy.run_path(str(REFERENCE_EXAMPLE))["ms"]


@pytest.fixture(scope="session")
def synthetic_300() -> Architecture:
    return synthesize(300)
