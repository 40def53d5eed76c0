"""Recording changes: what the write services call before and after they write.

`capture` (or `capture_all` for whole-spec writes) reads the entries a write may
change before it happens; `record`, called when the architecture's revision is
bumped, reads them again and stores those that differ as one revision. The
captured state rides on the Architecture instance the write service holds, so it
never leaks into another write.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from apps.accounts.models import ApiToken, hash_key
from apps.architectures.concepts import SERVICES, Concept, Scope
from apps.architectures.models import (
    Architecture,
    Dependency,
    Gateway,
    Route,
    SagaStep,
    Service,
    Subscription,
)

from . import context
from .entries import ARCHITECTURE, SECTION_CONCEPTS, EntryKey, all_entries, read_entries
from .models import ObjectChange, Revision

PARENT_SECTIONS = {Scope.SERVICE: "services", Scope.GATEWAY: "gateways", Scope.SAGA: "sagas"}
SECTION_OF = {concept: section for section, concept in SECTION_CONCEPTS.items()}
EVERYTHING = "everything"
_STATE = "_history_before"


def _natural_key(concept: Concept, obj: Any) -> str:
    value = getattr(obj, concept.column(concept.natural_key))
    return value.name if isinstance(value, models.Model) else str(value)


def _services_naming(architecture: Architecture, service: Service) -> set[EntryKey]:
    """Entries whose data names `service` (and change when it is renamed or removed)."""
    arch = {"architecture": architecture}
    keys = {("services", n) for n in Dependency.objects.filter(**arch, target=service)
            .values_list("source__name", flat=True)}  # fmt: skip
    keys |= {("gateways", n) for n in Route.objects.filter(**arch, service=service)
             .values_list("gateway__name", flat=True)}  # fmt: skip
    keys |= {("gateways", n) for n in Gateway.objects.filter(
             **arch, authentication_issuer_service=service).values_list("name", flat=True)}  # fmt: skip
    keys |= {("sagas", n) for n in SagaStep.objects.filter(**arch, service=service)
             .values_list("saga__name", flat=True)}  # fmt: skip
    for section in ("circuit_breakers", "retry_policies"):
        if SECTION_CONCEPTS[section].model.objects.filter(**arch, service=service).exists():
            keys.add((section, service.name))
    return keys


def _placeholders(architecture: Architecture) -> set[EntryKey]:
    names = Service.objects.filter(architecture=architecture, placeholder=True)
    return {("services", name) for name in names.values_list("name", flat=True)}


def _renamed_or_deleted(instance, data) -> bool:
    return instance is not None and (data is None or data.name != instance.name)


def affected_keys(
    architecture: Architecture, concept: Concept, *, data=None, parent=None, instance=None
) -> set[EntryKey]:
    """The entries a write of one object may change: its own top-level entry, the
    placeholder services (created and pruned) and, when a service is renamed or
    deleted, the entries naming it."""
    keys = _placeholders(architecture)
    if concept.scope == Scope.ARCHITECTURE:
        section = SECTION_OF[concept]
        if concept.singleton:
            keys.add((section, ""))
        else:
            names = {
                getattr(data, concept.natural_key, None),
                instance and _natural_key(concept, instance),
            }
            keys |= {(section, str(n)) for n in names if n}
        top = instance if concept is SERVICES and _renamed_or_deleted(instance, data) else None
    else:
        parent = parent if parent is not None else getattr(instance, concept.parent_column)
        keys.add((PARENT_SECTIONS[concept.scope], parent.name))
        top = None
    if top is not None:
        keys |= _services_naming(architecture, top)
    if instance is not None and concept.key == "events":  # subscribers follow a renamed event
        keys |= {("services", n) for n in Subscription.objects.filter(
                 architecture=architecture, event=instance.name)
                 .values_list("service__name", flat=True)}  # fmt: skip
    return keys


def capture(architecture: Architecture, concept: Concept, **target: Any) -> None:
    """Before writing one object: remember the entries it may change."""
    _remember(architecture, affected_keys(architecture, concept, **target))


def capture_own_fields(architecture: Architecture) -> None:
    """Before changing the architecture's name, slug, description or pattern."""
    _remember(architecture, {(ARCHITECTURE, "")})


def _remember(architecture: Architecture, keys: set[EntryKey]) -> None:
    pending = getattr(architecture, _STATE, None)
    if pending == EVERYTHING:
        return
    before = read_entries(architecture, keys)
    merged = {key: before.get(key) for key in keys}
    if pending:
        merged.update(pending)  # the earliest state of an entry wins
    setattr(architecture, _STATE, merged)


def capture_all(architecture: Architecture) -> None:
    """Before writing a whole spec: remember every entry."""
    setattr(architecture, _STATE, EVERYTHING)
    architecture._history_everything = all_entries(architecture)


def _after_and_before(architecture: Architecture):
    pending = getattr(architecture, _STATE, None)
    setattr(architecture, _STATE, None)
    if pending == EVERYTHING:
        before = architecture.__dict__.pop("_history_everything")
        after = all_entries(architecture)
        keys = before.keys() | after.keys()
        return before, after, keys
    before = pending or {}
    keys = before.keys() | _placeholders(architecture)  # references may have created some
    return before, read_entries(architecture, keys), keys


def _author(actor) -> str:
    authorization = context.current().authorization.split()
    if len(authorization) == 2 and authorization[0].lower() in ("token", "bearer"):
        name = (
            ApiToken.objects.filter(key_hash=hash_key(authorization[1]))
            .values_list("name", flat=True)
            .first()
        )
        if name:
            return f"{actor.get_username()} (token {name})" if actor else f"token {name}"
    return actor.get_username() if actor is not None else "system"


def record(architecture: Architecture, actor) -> Revision:
    """Store the revision the architecture just reached, with what changed in it."""
    before, after, keys = _after_and_before(architecture)
    number = Architecture.objects.filter(pk=architecture.pk).values_list("revision", flat=True)[0]
    change = context.current()
    revision = Revision.objects.create(
        architecture=architecture,
        number=number,
        user=actor if getattr(actor, "pk", None) else None,
        author=_author(actor),
        message=change.message,
        restored_from=change.restored_from,
    )
    ObjectChange.objects.bulk_create(
        ObjectChange(revision=revision, section=section, key=key,
                     before=before.get((section, key)), after=after.get((section, key)))
        for section, key in sorted(keys)
        if before.get((section, key)) != after.get((section, key))
    )  # fmt: skip
    return revision
