"""Creating, changing, reordering and deleting one object of any concept.

Every page form and API call that edits a single object ends here. The data
arrives already validated by the spec model; what is checked here needs the
database: names already taken, the parent being a placeholder, references.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction

from apps.history.recording import capture
from microservices.spec import SpecValidationError
from microservices.spec.model import SpecModel
from microservices.spec.normalize import fragment_errors

from ..concepts import SERVICES, Concept, Scope, children_scope, concepts_in
from ..mapping import data_to_columns
from ..models import Architecture, Dependency, Event, Service, Subscription
from .architectures import check_version, touch
from .references import ServiceResolver, prune_placeholders, references_to
from .specs import children_rows, sync_rows


class ServiceInUse(Exception):
    """A service others reference cannot simply disappear."""

    def __init__(self, service: Service, references: list[str]):
        self.service = service
        self.references = references
        super().__init__(
            f"{service.name} is referenced by {len(references)} object(s): " + "; ".join(references)
        )


def parent_filter(concept: Concept, parent) -> dict[str, Any]:
    return {concept.parent_column: parent} if concept.parent_column else {}


def _key_filter(concept: Concept, columns: dict[str, Any]) -> dict[str, Any]:
    column = concept.column(concept.natural_key)
    attname = f"{column}_id" if f"{column}_id" in columns else column
    return {attname: columns[attname]}


def _check_unique(concept, architecture, parent, instance, columns, value) -> None:
    if concept.singleton:
        return
    scope = {"architecture": architecture}
    if concept.model is not Event:  # event names are unique in the whole architecture
        scope.update(parent_filter(concept, parent))
    taken = concept.model.objects.filter(**scope, **_key_filter(concept, columns))
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        raise SpecValidationError.single(
            f"{concept.label} {value!r} already exists here", (concept.natural_key,)
        )


def _check_parent(concept: Concept, parent) -> None:
    if concept.scope == Scope.SERVICE and parent.placeholder:
        raise SpecValidationError.single(
            f"{parent.name} is a placeholder (referenced, never defined); "
            f"define it before adding its {concept.plural_label}"
        )


def _check_not_self(concept: Concept, parent, columns: dict[str, Any]) -> None:
    if concept.model is Dependency and columns.get("target_id") == parent.pk:
        raise SpecValidationError.single("a service cannot depend on itself", ("service",))


def _next_position(concept: Concept, parent) -> int:
    last = concept.model.objects.filter(**parent_filter(concept, parent)).aggregate(
        models.Max("position")
    )["position__max"]
    return 0 if last is None else last + 1


def _write(obj: models.Model, concept: Concept, value: Any, update_fields=None) -> None:
    try:
        with transaction.atomic():
            obj.save(update_fields=update_fields)
    except IntegrityError:  # a concurrent request took the same name
        raise SpecValidationError.single(
            f"{concept.label} {value!r} was just created by someone else",
            (concept.natural_key or "",),
        ) from None


def _apply(instance: models.Model, columns: dict[str, Any]) -> list[str]:
    changed = [key for key, value in columns.items() if getattr(instance, key) != value]
    for key in changed:
        setattr(instance, key, columns[key])
    return changed


def _save_service(*, architecture, instance, columns) -> Service:
    name = columns["name"]
    existing = Service.objects.filter(architecture=architecture, name=name).first()
    if existing is not None and existing != instance:
        if instance is None and existing.placeholder:
            instance = existing  # defining a service that was only referenced so far
            columns = {**columns, "placeholder": False}
        else:
            what = (
                "a placeholder (referenced, never defined)" if existing.placeholder else "defined"
            )
            raise SpecValidationError.single(
                f"a service named {name!r} already exists ({what})", ("name",)
            )
    if instance is not None and instance.placeholder:
        columns = {**columns, "placeholder": False}  # saving a placeholder's fields defines it
    if instance is None:
        instance = Service(architecture=architecture, **columns)
        _write(instance, SERVICES, name)
    elif changed := _apply(instance, columns):
        instance.version += 1
        _write(instance, SERVICES, name, [*changed, "version"])
    return instance


def _store(*, architecture, concept, data: SpecModel, parent, instance) -> models.Model:
    payload = data.model_dump(mode="json")
    columns = data_to_columns(concept, payload, ServiceResolver(architecture))
    if concept is SERVICES:
        return _save_service(architecture=architecture, instance=instance, columns=columns)
    return _save_child(concept, architecture, parent, instance, columns, payload)


@transaction.atomic
def save_object(
    *,
    actor,
    architecture: Architecture,
    concept: Concept,
    data: SpecModel,
    parent=None,
    instance: models.Model | None = None,
    expected_version: int | None = None,
) -> models.Model:
    """Create (`instance` None) or change one object's own fields; returns it saved."""
    if instance is not None:
        check_version(instance, expected_version)
    capture(architecture, concept, data=data, parent=parent, instance=instance)
    obj = _store(
        architecture=architecture, concept=concept, data=data, parent=parent, instance=instance
    )
    prune_placeholders(architecture)
    touch(architecture, actor)
    return obj


@transaction.atomic
def save_with_children(
    *,
    actor,
    architecture: Architecture,
    concept: Concept,
    data: SpecModel,
    instance: models.Model | None = None,
) -> models.Model:
    """Create or replace a service, gateway or saga together with its children.

    `data` is the full spec object (a Service with its endpoints, dependencies...,
    a Gateway with its routes, a Saga with its steps); children not in it go.
    """
    if getattr(data, "placeholder", False):
        raise SpecValidationError.single(
            "placeholder is set by the system: a service is a placeholder while it is "
            "referenced but not defined",
            ("placeholder",),
        )
    if errors := fragment_errors(data):
        raise SpecValidationError(errors)
    fields = concept.spec(**{key: getattr(data, key) for key in concept.spec.model_fields})
    capture(architecture, concept, data=data, instance=instance)
    obj = _store(
        architecture=architecture, concept=concept, data=fields, parent=None, instance=instance
    )
    payload = data.model_dump(mode="json")
    resolve = ServiceResolver(architecture)
    if concept is SERVICES:
        _check_children_of_service(architecture, obj, payload, resolve)
    for child in concepts_in(children_scope(concept)):
        desired = children_rows(child, [payload], {payload["name"]: obj.pk}, resolve)
        sync_rows(child, architecture, desired, scope={child.parent_column: obj})
    prune_placeholders(architecture)
    touch(architecture, actor)
    return obj


def _check_children_of_service(architecture, service: Service, payload: dict, resolve) -> None:
    for index, dependency in enumerate(payload.get("dependencies", [])):
        if resolve(dependency["service"]) == service.pk:
            raise SpecValidationError.single(
                "a service cannot depend on itself", ("dependencies", index, "service")
            )
    names = [event["event"] for event in payload.get("publishes", [])]
    taken = set(
        Event.objects.filter(architecture=architecture, name__in=names)
        .exclude(service=service)
        .values_list("name", flat=True)
    )
    for index, name in enumerate(names):
        if name in taken:
            raise SpecValidationError.single(
                f"event {name!r} is already published by another service (an event has one "
                "publisher)",
                ("publishes", index, "event"),
            )


def _save_child(concept, architecture, parent, instance, columns, payload) -> models.Model:
    _check_parent(concept, parent)
    _check_not_self(concept, parent, columns)
    value = payload.get(concept.natural_key) if concept.natural_key else None
    _check_unique(concept, architecture, parent, instance, columns, value)
    if instance is None:
        instance = concept.model(architecture=architecture, **parent_filter(concept, parent))
        _apply(instance, columns)
        if concept.ordered:
            instance.position = _next_position(concept, parent)
        _write(instance, concept, value)
        return instance
    old_event_name = instance.name if concept.model is Event else None
    if changed := _apply(instance, columns):
        instance.version += 1
        _write(instance, concept, value, [*changed, "version"])
    if old_event_name and old_event_name != instance.name:
        # Subscribers follow a renamed event rather than being left dangling.
        Subscription.objects.filter(architecture=architecture, event=old_event_name).update(
            event=instance.name, version=models.F("version") + 1
        )
    return instance


@transaction.atomic
def delete_object(
    *, actor, architecture: Architecture, concept: Concept, instance, expected_version=None
) -> None:
    if concept is SERVICES:
        raise TypeError("delete services with delete_service(), which guards references")
    check_version(instance, expected_version)
    capture(architecture, concept, instance=instance)
    instance.delete()
    prune_placeholders(architecture)
    touch(architecture, actor)


@transaction.atomic
def delete_service(
    *, actor, service: Service, keep_as_placeholder: bool = False, expected_version=None
) -> str:
    """Delete a service, or reduce it to a placeholder when others still name it.

    Returns "deleted" or "placeholder"; raises ServiceInUse when the service is
    referenced and `keep_as_placeholder` is false: nothing is ever lost silently.
    """
    check_version(service, expected_version)
    references = references_to(service)
    architecture = service.architecture
    capture(architecture, SERVICES, instance=service)
    if not references:
        service.delete()
        outcome = "deleted"
    elif not keep_as_placeholder or service.placeholder:
        raise ServiceInUse(service, references)
    else:
        for concept in concepts_in(Scope.SERVICE):
            concept.model.objects.filter(**parent_filter(concept, service)).delete()
        blank = Service(architecture=architecture, name=service.name, placeholder=True)
        for field in ("domain", "owner", "description", "responsibilities", "technologies",
                      "datastore", "placeholder"):  # fmt: skip
            setattr(service, field, getattr(blank, field))
        service.version += 1
        service.save()
        outcome = "placeholder"
    prune_placeholders(architecture)
    touch(architecture, actor)
    return outcome


@transaction.atomic
def reorder(*, actor, architecture: Architecture, concept: Concept, parent, order: list[int]):
    """Put the parent's ordered children (routes, saga steps) in the order of `order` (ids)."""
    capture(architecture, concept, parent=parent)
    children = list(concept.model.objects.filter(**parent_filter(concept, parent)))
    by_id = {child.pk: child for child in children}
    if sorted(order) != sorted(by_id):
        raise SpecValidationError.single(
            f"give every {concept.label} of this {concept.scope.value} exactly once", ("order",)
        )
    for position, pk in enumerate(order):
        child = by_id[pk]
        if child.position != position:
            child.position = position
            child.version += 1
    concept.model.objects.bulk_update(children, ["position", "version"])
    touch(architecture, actor)


def move(*, actor, architecture: Architecture, concept: Concept, instance, offset: int) -> None:
    """Move an ordered child up (-1) or down (+1) among its siblings."""
    parent = getattr(instance, concept.parent_column)
    ids = list(
        concept.model.objects.filter(**parent_filter(concept, parent)).values_list("pk", flat=True)
    )
    index = ids.index(instance.pk)
    new_index = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(new_index, ids.pop(index))
    reorder(actor=actor, architecture=architecture, concept=concept, parent=parent, order=ids)
