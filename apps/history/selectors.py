"""Reading history: revisions, an old revision's spec, and diffs between revisions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from apps.architectures.models import Architecture
from microservices.spec import Architecture as SpecArchitecture
from microservices.spec import architecture_from_data, architecture_to_data
from microservices.spec.diff import SpecDiff, diff_specs

from .entries import all_entries, join
from .models import ObjectChange, Revision


def revisions(architecture: Architecture) -> QuerySet[Revision]:
    """Newest first, each with `change_count`."""
    return (
        Revision.objects.filter(architecture=architecture)
        .select_related("user")
        .annotate(change_count=Count("changes"))
        .order_by("-number")  # Meta.ordering is not applied to aggregating queries
    )


def get_revision(architecture: Architecture, number: int) -> Revision:
    revision = revisions(architecture).filter(number=number).first()
    if revision is None:
        raise Http404
    return revision


def check_reachable(architecture: Architecture, number: int) -> None:
    """404 unless `number` is a revision the architecture went through."""
    if not 1 <= number <= architecture.revision:
        raise Http404


def spec_data_at(architecture: Architecture, number: int) -> dict[str, Any]:
    """The architecture's spec data as it was at revision `number`: the current data
    with every later change undone, newest first."""
    check_reachable(architecture, number)
    entries = all_entries(architecture)
    later = (
        ObjectChange.objects.filter(
            revision__architecture=architecture, revision__number__gt=number
        )
        .order_by("-revision__number", "-id")
        .values_list("section", "key", "before")
    )
    for section, key, before in later.iterator(chunk_size=2000):
        if before is None:
            entries.pop((section, key), None)
        else:
            entries[(section, key)] = before
    return join(entries)


def spec_at(architecture: Architecture, number: int) -> SpecArchitecture:
    return architecture_from_data(spec_data_at(architecture, number))


def diff_between(architecture: Architecture, old: int, new: int) -> SpecDiff:
    return diff_specs(
        architecture_to_data(spec_at(architecture, old)),
        architecture_to_data(spec_at(architecture, new)),
    )


def object_changes(architecture: Architecture, section: str, key: str) -> QuerySet[ObjectChange]:
    """One top-level object's changes, newest first, with their revisions."""
    return (
        ObjectChange.objects.filter(revision__architecture=architecture, section=section, key=key)
        .select_related("revision", "revision__user")
        .order_by("-revision__number", "-id")
    )
