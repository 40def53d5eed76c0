"""How long validation takes on large synthetic architectures, rule by rule.

For each size: the whole `validate()` (best, median and worst of several runs),
the shared indexes (`Context`), then each rule's check on its own over a context
whose indexes are already built, summed per family, with the number of findings
per rule. It measures and prints; it never asserts.

    python bench/bench_validation.py                  # N = 500 and 5000, 3 runs each
    python bench/bench_validation.py --sizes 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from collections import defaultdict
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from microservices.synth import synthesize  # noqa: E402
from microservices.validation import all_rules, validate  # noqa: E402
from microservices.validation.context import Context  # noqa: E402
from microservices.validation.engine import params_for  # noqa: E402

INDEXES = [name for name, value in vars(Context).items() if isinstance(value, cached_property)]


def built_context(arch) -> Context:
    context = Context(arch)
    for name in INDEXES:
        getattr(context, name)
    return context


def best_of(action, repeat: int) -> tuple[list[float], object]:
    """Seconds per run of `action` (after one untimed warm-up), and its last result."""
    result = action()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return times, result


def row(label: str, times: list[float], note: str = "") -> str:
    best, median, worst = min(times), statistics.median(times), max(times)
    return f"  {label:<34} {best:8.4f} {median:8.4f} {worst:8.4f}  {note}".rstrip()


def bench_size(count: int, repeat: int) -> None:
    arch = synthesize(count)
    deps = sum(len(s.dependencies) for s in arch.services)
    print(f"\nN = {count:,}: {len(arch.services):,} services, {deps:,} dependencies")
    print(f"  {'':<34} {'best':>8} {'median':>8} {'worst':>8}  (seconds)")
    times, report = best_of(lambda: validate(arch), repeat)
    print(row("validate (all rules)", times, f"{len(report.findings):,} findings (target < 3 s)"))
    times, _ = best_of(lambda: built_context(arch), repeat)
    print(row("context indexes", times, ", ".join(INDEXES)))

    context = built_context(arch)
    per_rule: dict[str, tuple[list[float], int]] = {}
    for rule in all_rules().values():
        params = params_for(rule, None)
        times, found = best_of(
            lambda rule=rule, params=params: list(rule.check(context, params)), repeat
        )
        per_rule[rule.id] = (times, len(found))

    families: dict[str, list[float]] = defaultdict(lambda: [0.0] * repeat)
    for rule in all_rules().values():
        times, _ = per_rule[rule.id]
        families[rule.family] = [a + b for a, b in zip(families[rule.family], times, strict=True)]
    print("  per family:")
    for family, times in sorted(families.items()):
        print(row(f"  {family}", times))
    total = [sum(run) for run in zip(*families.values(), strict=True)] if families else [0.0]
    print(row("  all rules (sum)", total))
    print("  per rule:")
    for rule_id, (times, found) in per_rule.items():
        rule = all_rules()[rule_id]
        print(row(f"  {rule_id} {rule.family}", times, f"{found:,} findings"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        f"validation bench: Python {platform.python_version()} on {platform.machine()}, "
        f"{len(all_rules())} rules, best of {args.repeat} run(s) after a warm-up"
    )
    for count in args.sizes:
        bench_size(count, args.repeat)
    sizes = " ".join(str(size) for size in args.sizes)
    print(f"\nreproduce: python bench/bench_validation.py --sizes {sizes} --repeat {args.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
