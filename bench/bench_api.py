"""Benchmark the REST API and the architecture page on a large synthetic architecture.

Full requests through Django (middleware, authentication, parsing, rendering),
against a throwaway test database: SQLite by default, PostgreSQL when DATABASE_URL
names one (a `test_<name>` database is created and dropped, as the tests do).

    python bench/bench_api.py [--services 5000] [--page-services 500] [--repeat 3]

Prints times (seconds) and SQL query counts; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from apps.accounts.services import create_token  # noqa: E402
from apps.workspaces.services import create_workspace  # noqa: E402
from microservices.spec import architecture_to_data, dump_data  # noqa: E402
from microservices.synth import synthesize  # noqa: E402


def timed(call, repeat: int):
    """(median seconds, queries of the last run, last response)."""
    times, response, queries = [], None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = call()
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries, response


def check(response, *statuses: int):
    if response.status_code not in statuses:
        raise SystemExit(f"unexpected {response.status_code}: {response.content[:500]!r}")
    return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--page-services", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        run(args)
    finally:
        teardown_databases(old_config, verbosity=0)


def run(args) -> None:
    from django.contrib.auth.models import User

    user = User.objects.create_user("bench", password="bench")
    workspace = create_workspace(actor=user, name="Bench", slug="bench")
    _, key = create_token(actor=user, name="bench")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    client.force_login(user)

    spec = synthesize(args.services, seed=1)
    data = architecture_to_data(spec)
    body_json = json.dumps(data)
    body_yaml = dump_data(data, "yaml")
    changed = json.loads(body_json)
    for service in changed["services"][::100]:  # 1% of the services get a new owner
        service["owner"] = "platform-team"
    spec_url = f"/api/architectures/{spec.slug}/spec/?workspace={workspace.slug}"
    deps = sum(len(s.dependencies) for s in spec.services)
    rows = []

    def put(body: str, content_type: str):
        return lambda: check(client.put(spec_url, body, content_type=content_type), 200, 201)

    seconds, queries, _ = timed(put(body_json, "application/json"), 1)
    rows.append(("PUT spec (JSON), new architecture", seconds, queries))
    seconds, queries, _ = timed(put(body_yaml, "application/yaml"), args.repeat)
    rows.append(("PUT spec (YAML), unchanged", seconds, queries))
    seconds, queries, _ = timed(put(json.dumps(changed), "application/json"), 1)
    rows.append(("PUT spec (JSON), 1% of services changed", seconds, queries))
    seconds, queries, _ = timed(
        lambda: check(client.get(spec_url, HTTP_ACCEPT="application/json"), 200), args.repeat
    )
    rows.append(("GET spec (JSON)", seconds, queries))
    seconds, queries, _ = timed(
        lambda: check(client.get(spec_url, HTTP_ACCEPT="application/yaml"), 200), args.repeat
    )
    rows.append(("GET spec (YAML)", seconds, queries))
    services_url = (
        f"/api/architectures/{spec.slug}/services/?workspace={workspace.slug}&page_size=100"
    )
    seconds, queries, _ = timed(lambda: check(client.get(services_url), 200), args.repeat)
    rows.append(("GET services, a page of 100", seconds, queries))

    small = synthesize(args.page_services, seed=2)
    small_data = architecture_to_data(small)
    small_url = f"/api/architectures/{small.slug}/spec/?workspace={workspace.slug}"
    check(client.put(small_url, json.dumps(small_data), content_type="application/json"), 201)
    page_url = f"/w/{workspace.slug}/{small.slug}/"
    seconds, queries, _ = timed(lambda: check(client.get(page_url), 200), args.repeat)
    rows.append((f"architecture page, {args.page_services} services", seconds, queries))

    print(
        f"{args.services:,} services, {deps:,} dependencies, {connection.vendor}; "
        f"median of {args.repeat} where repeated\n"
    )
    print(f"| {'request':<42} | {'seconds':>8} | {'queries':>7} |")
    print(f"|{'-' * 44}|{'-' * 10}|{'-' * 9}|")
    for name, seconds, queries in rows:
        print(f"| {name:<42} | {seconds:8.3f} | {queries:7d} |")
    print(
        f"\nreproduce with: python bench/bench_api.py --services {args.services} "
        f"--page-services {args.page_services} --repeat {args.repeat}"
    )


if __name__ == "__main__":
    main()
