"""Creating, changing and deleting architectures (their own fields)."""

from __future__ import annotations

from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.history.recording import capture_own_fields
from apps.workspaces.models import Workspace
from microservices.spec import SpecValidationError, slugify
from microservices.spec.model import ArchitectureFields

from ..concepts import CONCEPTS, SERVICES
from ..models import Architecture


def touch(architecture: Architecture, actor) -> None:
    """Record that something in the architecture changed: a new revision, validated
    once the change commits."""
    Architecture.objects.filter(pk=architecture.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now(), updated_by=actor
    )
    from apps.history.recording import record
    from apps.live.broadcast import announce_after_commit
    from apps.validation.services import validate_after_change

    record(architecture, actor)
    transaction.on_commit(partial(validate_after_change, architecture.pk, actor))
    announce_after_commit(architecture.pk, actor)


class StaleVersion(Exception):
    """The object changed since the writer read it; `current` is its version now (None: gone)."""

    def __init__(self, current: int | None):
        self.current = current
        super().__init__(f"changed since it was read (now version {current})")


def lock_architecture(architecture_id: int) -> None:
    """Lock the architecture's row until the transaction ends. Every checked write takes
    this lock before its object's, the order a whole-spec import takes them in, so
    writers wait for each other instead of deadlocking; no key lock, so rows that only
    reference the architecture can still be added."""
    Architecture.objects.select_for_update(no_key=True).filter(pk=architecture_id).first()


def check_version(instance, expected_version: int | None) -> None:
    """Lock the object's row and refuse the write unless it is still at `expected_version`.

    Holding the row lock until the transaction ends makes the check and the write one
    step, so of two writers with the same version exactly one succeeds. None: no check.
    """
    if expected_version is None:
        return
    is_architecture = isinstance(instance, Architecture)
    lock_architecture(instance.pk if is_architecture else instance.architecture_id)
    locked = type(instance).objects.select_for_update().filter(pk=instance.pk)
    current = locked.values_list("version", flat=True).first()
    if current != expected_version:
        raise StaleVersion(current)
    instance.refresh_from_db()


# Workspace pages at /w/<workspace>/<segment>/ would hide an architecture with these slugs.
RESERVED_SLUGS = frozenset({"members", "audit"})


def _check_unique(workspace: Workspace, name: str, slug: str, exclude_pk=None) -> None:
    if slug in RESERVED_SLUGS:
        raise SpecValidationError.single(
            f"the slug {slug!r} is reserved for the workspace's own pages; choose another",
            ("slug",),
        )
    others = Architecture.objects.filter(workspace=workspace).exclude(pk=exclude_pk)
    if others.filter(slug=slug).exists():
        raise SpecValidationError.single(
            f"the workspace already has an architecture with the slug {slug!r}", ("slug",)
        )
    if others.filter(name=name).exists():
        raise SpecValidationError.single(
            f"the workspace already has an architecture named {name!r}", ("name",)
        )


def _save(architecture: Architecture) -> None:
    try:
        with transaction.atomic():
            architecture.save()
    except IntegrityError:  # a concurrent request took the name or slug
        raise SpecValidationError.single(
            "another architecture with this name or slug was just created", ("slug",)
        ) from None


@transaction.atomic
def create_architecture(*, actor, workspace: Workspace, fields: ArchitectureFields) -> Architecture:
    slug = fields.slug or slugify(fields.name)
    _check_unique(workspace, fields.name, slug)
    architecture = Architecture(
        workspace=workspace,
        name=fields.name,
        slug=slug,
        description=fields.description,
        pattern=fields.pattern.value,
        created_by=actor,
        updated_by=actor,
    )
    _save(architecture)
    return architecture


def assign_fields(*, architecture: Architecture, fields: ArchitectureFields) -> bool:
    """Save the architecture's own fields; True when anything changed."""
    slug = fields.slug or architecture.slug
    _check_unique(architecture.workspace, fields.name, slug, exclude_pk=architecture.pk)
    new = {
        "name": fields.name,
        "slug": slug,
        "description": fields.description,
        "pattern": fields.pattern.value,
    }
    changed = {key: value for key, value in new.items() if getattr(architecture, key) != value}
    for key, value in changed.items():
        setattr(architecture, key, value)
    if changed:
        architecture.version += 1
        _save(architecture)
    return bool(changed)


@transaction.atomic
def update_architecture(
    *,
    actor,
    architecture: Architecture,
    fields: ArchitectureFields,
    expected_version: int | None = None,
) -> Architecture:
    check_version(architecture, expected_version)
    capture_own_fields(architecture)
    if assign_fields(architecture=architecture, fields=fields):
        touch(architecture, actor)
        architecture.refresh_from_db(fields=["revision", "updated_at", "updated_by"])
    return architecture


@transaction.atomic
def delete_architecture(
    *, actor, architecture: Architecture, expected_version: int | None = None
) -> None:
    check_version(architecture, expected_version)
    # Children first, table by table, services last: each table then goes in one
    # statement instead of the ORM collecting a large architecture's rows.
    for concept in reversed(CONCEPTS):
        if concept is not SERVICES:
            concept.model.objects.filter(architecture=architecture).delete()
    SERVICES.model.objects.filter(architecture=architecture).delete()
    architecture.delete()
