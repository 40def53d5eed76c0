"""Run every benchmark in bench/ one after another (what `make bench` does).

Each prints its own figures and the command that reproduces it.
"""

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = 0
    for name in sorted(path.name for path in here.glob("bench_*.py")):
        print(f"\n== {name}", flush=True)
        failed |= subprocess.call([sys.executable, str(here / name)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
