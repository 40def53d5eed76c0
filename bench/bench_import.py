"""How long importing and exporting a large architecture takes in the database.

Steps, on synthesize(N) (5,000 services by default): import_spec into a new
architecture; the same spec again (nothing to change); the spec with 1% of its
services changed; architecture_spec() (the export every page, API call and
engine run starts from); deleting the architecture. Prints seconds and SQL
queries per step, and the command that reproduces the table. It measures and
prints; it never asserts.

Without DATABASE_URL it runs on a fresh SQLite file in a temporary directory,
migrated first and removed afterwards. With DATABASE_URL (PostgreSQL) it uses
that database, which must be migrated (or pass --migrate), and works in a
throwaway workspace and user that it deletes at the end.

    python bench/bench_import.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/bench_import.py --migrate
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

CHANGED_SHARE = 100  # one service in this many is changed by the third step


@dataclass
class Row:
    step: str
    seconds: float
    queries: int
    counts: dict[str, int] | None = None
    notes: str = ""


def measure(action: Callable[[], Any]) -> tuple[float, int, Any]:
    """Seconds and SQL queries of one run of `action`, and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - start
    return seconds, len(queries), result


def with_changed_services(spec):
    """`spec` with one defined service in CHANGED_SHARE changed (and its first dependency)."""
    from microservices.spec import architecture_from_data, architecture_to_data

    data = architecture_to_data(spec)
    defined = [service for service in data["services"] if not service.get("placeholder")]
    changed = defined[::CHANGED_SHARE]
    for service in changed:
        service["description"] = "Changed by the import benchmark."
        if service.get("dependencies"):
            service["dependencies"][0]["timeout_ms"] = 1234
    return architecture_from_data(data), len(changed)


def run_steps(count: int, seed: int) -> tuple[list[Row], str]:
    from django.contrib.auth import get_user_model

    from apps.architectures.selectors import architecture_spec
    from apps.architectures.services import delete_architecture, import_spec
    from apps.workspaces.services import create_workspace
    from microservices.synth import synthesize

    rows: list[Row] = []
    start = time.perf_counter()
    spec = synthesize(count, seed)
    dependencies = sum(len(service.dependencies) for service in spec.services)
    summary = f"{len(spec.services):,} services, {dependencies:,} dependencies"
    rows.append(Row(f"synthesize({count})", time.perf_counter() - start, 0, notes=summary))
    changed_spec, changed = with_changed_services(spec)

    name = f"bench-import-{secrets.token_hex(4)}"
    user = get_user_model().objects.create_user(name)
    workspace = create_workspace(actor=user, name=name, slug=name)
    try:
        seconds, queries, (architecture, counts) = measure(
            lambda: import_spec(actor=user, workspace=workspace, spec=spec)
        )
        rows.append(Row("import into a new architecture", seconds, queries, counts.as_dict()))
        seconds, queries, (_, counts) = measure(
            lambda: import_spec(
                actor=user, workspace=workspace, spec=spec, architecture=architecture
            )
        )
        rows.append(Row("re-import, unchanged", seconds, queries, counts.as_dict()))
        seconds, queries, (_, counts) = measure(
            lambda: import_spec(
                actor=user, workspace=workspace, spec=changed_spec, architecture=architecture
            )
        )
        rows.append(
            Row(
                f"re-import, {changed} services changed (1%)",
                seconds,
                queries,
                counts.as_dict(),
            )
        )
        seconds, queries, exported = measure(lambda: architecture_spec(architecture))
        same = "equals the imported spec" if exported == changed_spec else "DIFFERS from the import"
        rows.append(Row("architecture_spec() export", seconds, queries, notes=same))
        seconds, queries, _ = measure(
            lambda: delete_architecture(actor=user, architecture=architecture)
        )
        rows.append(Row("delete the architecture", seconds, queries))
    finally:
        # Whatever happened above, the throwaway workspace and user go.
        workspace.delete()
        user.delete()
    return rows, summary


def safe_url(url: str) -> str:
    """The database URL without its password, to print."""
    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return parts.geturl()


def pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def database_description() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return connection.vendor


def print_table(rows: list[Row]) -> None:
    header = (
        f"| {'step':<38} | {'seconds':>8} | {'queries':>7} | {'created':>7} | {'updated':>7} "
        f"| {'deleted':>7} | notes |"
    )
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    for row in rows:
        counts = row.counts or {}
        cells = " | ".join(
            f"{counts[key]:>7,}" if key in counts else " " * 7
            for key in ("created", "updated", "deleted")
        )
        queries = f"{row.queries:>7,}" if row.queries else " " * 7
        print(f"| {row.step:<38} | {row.seconds:>8.3f} | {queries} | {cells} | {row.notes} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--migrate", action="store_true", help="apply migrations to DATABASE_URL first"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings.test")
    given_url = os.environ.get("DATABASE_URL", "")
    scratch = None
    if not given_url:
        scratch = Path(tempfile.mkdtemp(prefix="bench-import-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        if scratch or args.migrate:
            call_command("migrate", verbosity=0)
        elif pending := pending_migrations():
            print(
                f"The database has {len(pending)} migration(s) to apply ({pending[0]}, …): "
                "run manage.py migrate, or pass --migrate.",
                file=sys.stderr,
            )
            return 2
        rows, summary = run_steps(args.services, args.seed)
        where = "a temporary SQLite file" if scratch else safe_url(given_url)
        print(
            f"Import benchmark: synthesize({args.services}, seed={args.seed}) = {summary}; "
            f"{database_description()} at {where}; "
            f"Python {platform.python_version()} on {platform.machine()}; "
            f"settings {os.environ['DJANGO_SETTINGS_MODULE']}; one run per step"
        )
        print()
        print_table(rows)
        print()
        command = ["python", "bench/bench_import.py", "--services", str(args.services)]
        command += ["--seed", str(args.seed)] if args.seed else []
        command += ["--migrate"] if args.migrate else []
        prefix = f"DATABASE_URL={safe_url(given_url)} " if given_url else ""
        print("reproduce with:", prefix + " ".join(command))
    finally:
        connection.close()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
