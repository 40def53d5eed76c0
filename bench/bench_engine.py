"""How long the engine takes on large synthetic architectures.

Measures, for each size: synthesize(N), dumping the spec to YAML and to JSON, and
parsing it back from each (parse_architecture: safe loading, caps, validation and
the canonical form). Prints a table of the best, median and worst of several runs,
and the command that reproduces it. It measures and prints; it never asserts.

    python bench/bench_engine.py                  # N = 500 and 5000, 3 runs each
    python bench/bench_engine.py --sizes 20000 --repeat 1 --gc-paused
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import pydantic  # noqa: E402
import yaml  # noqa: E402

from microservices.spec import dump_architecture, parse_architecture  # noqa: E402
from microservices.synth import synthesize  # noqa: E402


def timed(action: Callable[[], object], repeat: int, gc_paused: bool) -> tuple[list[float], object]:
    """Seconds per run of `action` (after one untimed warm-up run), and its last result."""
    result = action()
    times = []
    for _ in range(repeat):
        gc.collect()
        if gc_paused:
            gc.disable()
        try:
            start = time.perf_counter()
            result = action()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return times, result


def bench_size(count: int, repeat: int, gc_paused: bool) -> list[tuple[str, list[float], str]]:
    rows = []
    times, arch = timed(lambda: synthesize(count), repeat, gc_paused)
    dependencies = sum(len(s.dependencies) for s in arch.services)
    rows.append(("synthesize", times, f"{len(arch.services):,} services, {dependencies:,} deps"))
    texts = {}
    for fmt in ("yaml", "json"):
        times, texts[fmt] = timed(lambda fmt=fmt: dump_architecture(arch, fmt), repeat, gc_paused)
        rows.append((f"dump {fmt}", times, f"{len(texts[fmt].encode()) / 1e6:.1f} MB"))
    for fmt in ("yaml", "json"):
        times, parsed = timed(
            lambda fmt=fmt: parse_architecture(texts[fmt], fmt), repeat, gc_paused
        )
        same = dump_architecture(parsed, fmt) == texts[fmt]
        rows.append(
            (f"parse {fmt}", times, "round trip identical" if same else "ROUND TRIP DIFFERS")
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000], metavar="N")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per step (default 3)")
    parser.add_argument(
        "--gc-paused",
        action="store_true",
        help="pause Python's cyclic garbage collector during each timed run",
    )
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()} on {platform.machine()}, pydantic {pydantic.VERSION}, "
        f"PyYAML {yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'}), "
        f"garbage collector {'paused' if args.gc_paused else 'on'}; "
        f"best/median/worst of {args.repeat} run(s), seconds"
    )
    print()
    header = f"| {'N':>6} | {'step':<10} | {'best':>7} | {'median':>7} | {'worst':>7} | notes |"
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:]))
    for count in args.sizes:
        for step, times, notes in bench_size(count, args.repeat, args.gc_paused):
            print(
                f"| {count:>6} | {step:<10} | {min(times):>7.3f} | "
                f"{statistics.median(times):>7.3f} | {max(times):>7.3f} | {notes} |"
            )
    print()
    command = ["python", "bench/bench_engine.py", "--sizes", *map(str, args.sizes)]
    command += ["--repeat", str(args.repeat)] + (["--gc-paused"] if args.gc_paused else [])
    print("reproduce with:", " ".join(command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
