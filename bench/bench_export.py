"""How long exporting takes, and how much memory, on large synthetic architectures.

For each size a fresh process synthesizes the architecture and exports every
target (with the static checks and the README), then writes the zip archive; the
process's peak resident memory is read when it ends. Per-target times come from
exporting each target alone. It measures and prints; it never asserts.

    python bench/bench_export.py                   # N = 500 and 5000
    python bench/bench_export.py --sizes 2000 --per-target
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))


def measure(count: int, per_target: bool) -> dict:
    """Runs in the child process: the figures of one size, as a dict."""
    from microservices.export import all_exporters, export_bundle
    from microservices.synth import synthesize

    spec = synthesize(count)
    figures: dict = {"services": len(spec.services)}
    start = time.perf_counter()
    bundle = export_bundle(spec, revision=1)
    figures["export_s"] = time.perf_counter() - start
    start = time.perf_counter()
    archive = bundle.zip_bytes()
    figures["zip_s"] = time.perf_counter() - start
    figures["files"] = len(bundle.files)
    figures["text_mb"] = bundle.size / 1e6
    figures["zip_mb"] = len(archive) / 1e6
    figures["problems"] = len(bundle.problems)
    if per_target:
        figures["targets"] = {}
        for name in all_exporters():
            start = time.perf_counter()
            export_bundle(spec, [name], revision=1)
            figures["targets"][name] = time.perf_counter() - start
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def run_child(count: int, per_target: bool) -> dict:
    command = [sys.executable, __file__, "--child", str(count)]
    if per_target:
        command.append("--per-target")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--per-target", action="store_true", help="time each target alone too")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.per_target)))
        return 0
    print(f"Python {platform.python_version()} on {platform.machine()}")
    print(
        f"{'services':>9} {'files':>8} {'export s':>9} {'zip s':>7} {'text MB':>8} "
        f"{'zip MB':>7} {'peak RSS MB':>12} {'problems':>9}"
    )
    for count in args.sizes:
        f = run_child(count, args.per_target)
        print(
            f"{f['services']:>9,} {f['files']:>8,} {f['export_s']:>9.2f} {f['zip_s']:>7.2f} "
            f"{f['text_mb']:>8.1f} {f['zip_mb']:>7.1f} {f['peak_rss_mb']:>12.0f} "
            f"{f['problems']:>9}"
        )
        for name, seconds in f.get("targets", {}).items():
            print(f"{'':>9} {name:<20} {seconds:>6.2f} s alone")
    sizes = " ".join(map(str, args.sizes))
    flag = " --per-target" if args.per_target else ""
    print(f"\nreproduce: python bench/bench_export.py --sizes {sizes}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
