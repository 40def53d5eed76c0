"""Revisions, changes and diffs as plain data, for the API and the pages alike."""

from __future__ import annotations

from typing import Any

from microservices.spec import SpecValidationError

from .models import ObjectChange, Revision


def revision_data(revision: Revision) -> dict[str, Any]:
    return {
        "revision": revision.number,
        "created_at": revision.created_at,
        "author": revision.author,
        "user": revision.user.get_username() if revision.user else None,
        "message": revision.message,
        "restored_from": revision.restored_from,
        "change_count": getattr(revision, "change_count", None),
    }


def change_data(change: ObjectChange) -> dict[str, Any]:
    return {
        "section": change.section,
        "key": change.key,
        "kind": change.kind,
        "before": change.before,
        "after": change.after,
    }


def revision_numbers(params, latest: int) -> tuple[int, int]:
    """`from` and `to` of a diff request; `to` defaults to the latest revision and
    `from` to the one before `to`."""
    numbers = {}
    for name, default in (("to", latest), ("from", None)):
        raw = params.get(name)
        if raw in (None, ""):
            numbers[name] = default if default is not None else max(numbers["to"] - 1, 1)
            continue
        try:
            numbers[name] = int(raw)
        except ValueError:
            raise SpecValidationError.single("give a revision number", (name,)) from None
    return numbers["from"], numbers["to"]
