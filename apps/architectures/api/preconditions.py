"""ETags and If-Match: a write made from a stale copy is refused, never applied.

An object's ETag comes from its version; for a service, gateway or saga, whose
representation carries its children, from the state of its children too. The
whole spec's ETag is the architecture's revision. Tags are strong, so weak ones
(W/"...") in If-Match never match.
"""

from __future__ import annotations

import hashlib

from django.db.models import CharField, Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat

from ..concepts import Concept, children_scope, concepts_in
from .errors import ApiError, PreconditionFailed
from .representation import has_children

IF_MATCH = "If-Match"


def quoted(value: int | str) -> str:
    return f'"{value}"'


def _children_state(child: Concept) -> Subquery:
    """Count, sum of versions and highest id of one kind of child: any creation, change
    or deletion changes at least one of them."""
    rows = child.model.objects.filter(**{child.parent_column: OuterRef("pk")}).order_by()
    state = Concat(
        Cast(Count("pk"), CharField()),
        Value(":"),
        Cast(Sum("version"), CharField()),
        Value(":"),
        Cast(Max("pk"), CharField()),
    )
    return Subquery(rows.values(child.parent_column).annotate(state=state).values("state"))


def etag_of(concept: Concept, addressed: QuerySet) -> str | None:
    """The ETag of the object `addressed` selects (None when there is none), in one query."""
    if not has_children(concept):
        version = addressed.values_list("version", flat=True).first()
        return None if version is None else quoted(version)
    children = concepts_in(children_scope(concept))
    states = {f"state_{index}": _children_state(child) for index, child in enumerate(children)}
    row = addressed.annotate(**states).values_list("version", *states).first()
    if row is None:
        return None
    digest = hashlib.sha256(repr(row[1:]).encode()).hexdigest()[:16]
    return quoted(f"{row[0]}.{digest}")


def if_match_tags(request) -> list[str] | None:
    """The tags of If-Match; None when the header is absent."""
    header = request.headers.get(IF_MATCH)
    if header is None:
        return None
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def require_if_match(request) -> None:
    """428 for writes that may not be made blindly (replacing a whole spec)."""
    if if_match_tags(request) is None:
        message = (
            f"send the {IF_MATCH} header with the ETag you read (GET it first), so that "
            "changes made since are not overwritten"
        )
        raise ApiError(
            428, "precondition_required", message, [{"field": IF_MATCH, "message": message}]
        )


def check_if_match(request, current: str | None, version: int | None) -> None:
    """412 unless If-Match is absent, `*` (for an existing object) or names `current`."""
    tags = if_match_tags(request)
    if tags is None:
        return
    if current is not None and ("*" in tags or current in tags):
        return
    raise PreconditionFailed(current, version)
