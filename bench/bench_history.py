"""Measure how much history 10,000 single-field edits of a large architecture store.

A synthetic architecture (`synthesize(--services)`) is imported through import_spec,
then `--edits` single-field edits (a service's owner) go through save_object, each
its own transaction and revision. Prints the history tables' size next to the size
of one full spec: storage must follow the size of the changes, not of the
architecture. A throwaway test database is used: SQLite by default, PostgreSQL when
DATABASE_URL names one (then `pg_total_relation_size` is reported as well).

    python bench/bench_history.py [--services 5000] [--edits 10000]

Validation and live announcements after each commit are switched off here: they
are not what is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from apps.architectures.concepts import SERVICES  # noqa: E402
from apps.architectures.models import Service  # noqa: E402
from apps.architectures.selectors import rows, service_data  # noqa: E402
from apps.architectures.services import import_spec, save_object  # noqa: E402
from apps.history.models import ObjectChange, Revision  # noqa: E402
from apps.workspaces.services import create_workspace  # noqa: E402
from microservices.spec import architecture_to_data  # noqa: E402
from microservices.spec.model import ServiceFields  # noqa: E402
from microservices.synth import synthesize  # noqa: E402

TABLES = (Revision._meta.db_table, ObjectChange._meta.db_table)


def switch_off_after_commit_work() -> None:
    import apps.live.broadcast
    import apps.validation.services

    apps.validation.services.validate_after_change = lambda *args, **kwargs: None
    apps.live.broadcast.announce_change = lambda *args, **kwargs: None


def row_bytes(first_revision: int | None = None) -> int:
    """The bytes of the history rows' values (of revisions from `first_revision` on)."""
    changes = "SELECT COALESCE(SUM(LENGTH(c.section) + LENGTH(c.key) + " \
        "COALESCE(LENGTH(CAST(c.before AS TEXT)), 0) + " \
        "COALESCE(LENGTH(CAST(c.after AS TEXT)), 0) + 16), 0) FROM {c} c " \
        "JOIN {r} r ON r.id = c.revision_id WHERE r.number >= %s"  # fmt: skip
    revisions = "SELECT COALESCE(SUM(LENGTH(author) + LENGTH(message) + 40), 0) " \
        "FROM {r} WHERE number >= %s"  # fmt: skip
    names = {"c": TABLES[1], "r": TABLES[0]}
    total = 0
    with connection.cursor() as cursor:
        for sql in (changes, revisions):
            cursor.execute(sql.format(**names), [first_revision or 0])
            total += int(cursor.fetchone()[0])
    return total


def relation_bytes() -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        total = 0
        for table in TABLES:
            cursor.execute("SELECT pg_total_relation_size(%s::regclass)", [table])
            total += int(cursor.fetchone()[0])
        return total


def edit_owners(architecture, user, edits: int) -> float:
    """`edits` single-field edits, cycling through the services; returns seconds."""
    services = list(Service.objects.filter(architecture=architecture, placeholder=False))
    own_fields = set(ServiceFields.model_fields)
    fields_of = {
        data["name"]: {key: value for key, value in data.items() if key in own_fields}
        for data in service_data(rows(SERVICES, architecture_id=architecture.pk), architecture.pk)
    }
    start = time.perf_counter()
    for index in range(edits):
        service = services[index % len(services)]
        data = ServiceFields(**{**fields_of[service.name], "owner": f"team-{index}"})
        save_object(actor=user, architecture=architecture, concept=SERVICES, data=data,
                    instance=service)  # fmt: skip
    return time.perf_counter() - start


def run(args) -> None:
    from django.contrib.auth.models import User

    user = User.objects.create_user("bench", password="bench")
    workspace = create_workspace(actor=user, name="Bench", slug="bench")
    spec = synthesize(args.services, seed=1)
    spec_bytes = len(json.dumps(architecture_to_data(spec)).encode())
    architecture, _ = import_spec(actor=user, workspace=workspace, spec=spec)
    after_import = row_bytes()
    first_edit = architecture.revision + 1

    seconds = edit_owners(architecture, user, args.edits)

    edit_bytes = row_bytes(first_edit)
    relation = relation_bytes()
    print(f"{args.services:,} services, {args.edits:,} single-field edits, {connection.vendor}\n")
    print(f"one full spec (JSON)                      {spec_bytes:>14,} bytes")
    print(f"history rows of the import                {after_import:>14,} bytes")
    edits_label = f"history rows of the {args.edits:,} edits"
    print(f"{edits_label:<42}{edit_bytes:>14,} bytes"
          f"  ({edit_bytes / args.edits:,.0f} per edit, "
          f"{edit_bytes / spec_bytes:.2f} full specs)")  # fmt: skip
    if relation is not None:
        print(f"pg_total_relation_size, history tables    {relation:>14,} bytes"
              f"  ({relation / spec_bytes:.2f} full specs)")  # fmt: skip
    print(f"storing a full spec per edit would take   {spec_bytes * args.edits:>14,} bytes")
    print(f"edits took {seconds:.1f} s ({1000 * seconds / args.edits:.1f} ms each)")
    print(
        f"revisions {Revision.objects.count():,}, object changes {ObjectChange.objects.count():,}"
    )
    print(
        f"\nreproduce with: python bench/bench_history.py --services {args.services} "
        f"--edits {args.edits}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=10000)
    args = parser.parse_args()
    switch_off_after_commit_work()
    # A database of its own: tests running meanwhile use the default test database.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = "test_bench_history"
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        run(args)
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
