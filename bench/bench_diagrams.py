"""How long the dependency map takes to draw, step by step, from a loaded spec.

For each case: building the DOT (build_diagram), Graphviz itself (wall and CPU
seconds of the `dot`/`sfdp` process), post-processing the SVG (sanitising and
annotating), and the three together. The cases are the figures issue 5 asks for:
300 services with domain clusters, 1,000 services, and the default (collapsed)
view of 3,000 and 5,000 services. `--forced-dot` adds 1,000 services drawn
clustered with dot regardless of the limits, the measurement behind them. It
measures and prints; it never asserts.

    python bench/bench_diagrams.py                 # 3 runs per case
    python bench/bench_diagrams.py --repeat 1 --forced-dot
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from microservices.diagrams import (  # noqa: E402
    DEFAULT_LIMITS,
    DiagramOptions,
    Limits,
    build_diagram,
)
from microservices.diagrams.runner import run_graphviz  # noqa: E402
from microservices.diagrams.svg import postprocess_svg  # noqa: E402
from microservices.synth import synthesize  # noqa: E402

UNLIMITED = Limits(dot_max_nodes=10**9, dot_max_edges=10**9)


@dataclass(frozen=True)
class Case:
    name: str
    services: int
    options: DiagramOptions = field(default_factory=DiagramOptions)
    limits: Limits = DEFAULT_LIMITS


CASES = (
    Case("clustered", 300, DiagramOptions(collapse=False)),
    Case("default", 1000),
    Case("clustered", 1000, DiagramOptions(collapse=False)),
    Case("default", 3000),
    Case("default", 5000),
)
FORCED_DOT = Case("dot forced", 1000, DiagramOptions(collapse=False), UNLIMITED)


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(case: Case, spec) -> dict[str, float | str]:
    start = time.perf_counter()
    diagram = build_diagram(spec, "dependencies", case.options, limits=case.limits)
    built = time.perf_counter()
    cpu = child_cpu()
    svg = run_graphviz(diagram.dot, diagram.engine, "svg", timeout=300)
    drawn = time.perf_counter()
    cpu = child_cpu() - cpu
    postprocess_svg(svg, diagram.graph, diagram.links)
    done = time.perf_counter()
    return {
        "build": built - start,
        "graphviz": drawn - built,
        "cpu": cpu,
        "post": done - drawn,
        "total": done - start,
        "shape": f"{diagram.engine}, {diagram.node_count:,} nodes, {diagram.edge_count:,} edges"
        + (", collapsed" if diagram.collapsed else ""),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    parser.add_argument("--forced-dot", action="store_true", help="also 1,000 clustered with dot")
    args = parser.parse_args(argv)
    cases = CASES + ((FORCED_DOT,) if args.forced_dot else ())

    version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    print(f"Python {platform.python_version()}, {version}; median of {args.repeat} run(s), seconds")
    print("graphviz = the dot/sfdp process (wall, then its CPU); share = (build + post) / graphviz")
    print()
    header = (
        f"| {'N':>5} | {'case':<10} | {'build':>6} | {'graphviz':>8} | {'cpu':>6} | "
        f"{'post':>6} | {'total':>6} | {'share':>5} | drawn as |"
    )
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    specs: dict[int, object] = {}
    for case in cases:
        spec = specs.setdefault(case.services, synthesize(case.services))
        runs = [measure(case, spec) for _ in range(args.repeat)]
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "shape"}
        share = (median["build"] + median["post"]) / median["graphviz"]
        print(
            f"| {case.services:>5} | {case.name:<10} | {median['build']:>6.3f} | "
            f"{median['graphviz']:>8.3f} | {median['cpu']:>6.3f} | {median['post']:>6.3f} | "
            f"{median['total']:>6.3f} | {share:>5.0%} | {runs[0]['shape']} |"
        )
    print()
    command = ["python", "bench/bench_diagrams.py", "--repeat", str(args.repeat)]
    print("reproduce with:", " ".join(command + (["--forced-dot"] if args.forced_dot else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
