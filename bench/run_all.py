"""Run every benchmark in bench/ one after another (what `make bench` does).

Each prints its own figures and the command that reproduces it.
"""

import subprocess
import sys
from pathlib import Path

BENCHES = ("bench_engine.py", "bench_import.py", "bench_api.py", "bench_validation.py")


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = 0
    for name in BENCHES:
        print(f"\n== {name}", flush=True)
        failed |= subprocess.call([sys.executable, str(here / name)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
