"""`python -m microservices`: the engine's command line."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
