"""Benchmark diagrams in the product: drawn from the database, and from the render cache.

Full requests through Django (authentication, the API view, the render cache,
Graphviz), against a throwaway test database: SQLite by default, PostgreSQL when
DATABASE_URL names one (a `test_<name>` database is created and dropped, as the
tests do). Uncached figures empty the render cache before each run.

    python bench/bench_diagram_pages.py [--services 300] [--large 5000] [--repeat 3]

Prints times (seconds) and SQL query counts; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from apps.architectures.selectors import architecture_spec  # noqa: E402
from apps.architectures.services import import_spec  # noqa: E402
from apps.diagrams.models import Render  # noqa: E402
from apps.workspaces.services import create_workspace  # noqa: E402
from microservices.diagrams import DiagramOptions, build_diagram, render_diagram  # noqa: E402
from microservices.synth import synthesize  # noqa: E402


def timed(call, repeat: int, before=None):
    """(median seconds, queries of the last run, last result); `before` runs untimed."""
    times, result, queries = [], None, 0
    for _ in range(repeat):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = call()
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries, result


def check(response):
    if response.status_code != 200:
        raise SystemExit(f"unexpected {response.status_code}: {response.content[:500]!r}")
    return response


def empty_cache() -> None:
    Render.objects.all().delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=300)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # Every render in the request, so that the figures are end to end.
    settings.DIAGRAM_INLINE_MAX_SERVICES = max(args.services, args.large)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        run(args)
    finally:
        teardown_databases(old_config, verbosity=0)


def diagram_url(spec, workspace, view: str = "dependencies", fmt: str = "svg") -> str:
    return f"/api/architectures/{spec.slug}/diagrams/{view}.{fmt}?workspace={workspace.slug}"


def run(args) -> None:
    from django.contrib.auth.models import User

    user = User.objects.create_user("bench", password="bench")
    workspace = create_workspace(actor=user, name="Bench", slug="bench")
    client = Client()
    client.force_login(user)
    rows = []

    spec = synthesize(args.services, seed=1)
    architecture, _ = import_spec(actor=user, workspace=workspace, spec=spec)
    edges = sum(len(service.dependencies) for service in spec.services)
    url = diagram_url(spec, workspace)
    seconds, queries, response = timed(lambda: check(client.get(url)), args.repeat, empty_cache)
    rows.append((f"{args.services} services, dependency map SVG, uncached", seconds, queries))
    notes = response.get("X-Diagram-Notes", "")
    seconds, queries, _ = timed(lambda: check(client.get(url)), args.repeat)
    rows.append((f"{args.services} services, dependency map SVG, cached", seconds, queries))
    page = f"/w/{workspace.slug}/{spec.slug}/diagrams/"
    seconds, queries, _ = timed(lambda: check(client.get(page)), args.repeat)
    rows.append((f"{args.services} services, diagrams page, cached", seconds, queries))

    # Where the uncached time goes, outside the request.
    architecture.refresh_from_db()
    load, _, loaded = timed(lambda: architecture_spec(architecture), args.repeat)
    build, _, diagram = timed(
        lambda: build_diagram(loaded, "dependencies", DiagramOptions()), args.repeat
    )
    draw, _, _ = timed(lambda: render_diagram(diagram, "svg"), args.repeat)

    large = synthesize(args.large, seed=2)
    import_spec(actor=user, workspace=workspace, spec=large)
    large_url = diagram_url(large, workspace)
    seconds, queries, response = timed(
        lambda: check(client.get(large_url)), args.repeat, empty_cache
    )
    rows.append((f"{args.large:,} services, default view SVG, uncached", seconds, queries))
    large_notes = response.get("X-Diagram-Notes", "")
    seconds, queries, _ = timed(lambda: check(client.get(large_url)), args.repeat)
    rows.append((f"{args.large:,} services, default view SVG, cached", seconds, queries))

    print(
        f"{args.services} services and {edges:,} dependencies; {args.large:,} services; "
        f"{connection.vendor}; median of {args.repeat}\n"
    )
    print(f"| {'request':<48} | {'seconds':>8} | {'queries':>7} |")
    print(f"|{'-' * 50}|{'-' * 10}|{'-' * 9}|")
    for name, seconds, queries in rows:
        print(f"| {name:<48} | {seconds:8.3f} | {queries:7d} |")
    print(
        f"\n{args.services} services, outside the request: spec from the database {load:.3f} s, "
        f"DOT built in {build:.3f} s ({diagram.node_count} nodes, {diagram.edge_count} edges, "
        f"{diagram.engine}), Graphviz and SVG post-processing {draw:.3f} s"
    )
    print(f"notes at {args.services}: {notes or '(none)'}")
    print(f"notes at {args.large:,}: {large_notes or '(none)'}")
    print(
        f"\nreproduce with: python bench/bench_diagram_pages.py --services {args.services} "
        f"--large {args.large} --repeat {args.repeat}"
    )


if __name__ == "__main__":
    main()
