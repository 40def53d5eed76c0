"""One viewset for every concept of the registry, parametrized by the concept.

`viewset_for(concept)` gives the concept's class (its schema decorations and, for
services, their filters); everything else is shared. Collections are addressed
by natural key (or id), singletons (mesh, tracing, ...) have no key in the URL.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from microservices.spec import SpecValidationError

from ... import services
from ...concepts import SERVICES, Concept, Scope
from ...filtersets import ServiceFilterSet
from ...mapping import read_columns
from ...models import Architecture
from ...services.architectures import lock_architecture
from ..bodies import body_object, merge_patch, validate
from ..locate import (
    architecture_for,
    key_lookup,
    list_order,
    lookup_kwarg,
    parent_for,
    parent_kwarg,
)
from ..preconditions import check_if_match, etag_of
from ..representation import document_class, has_children, represent
from ..schema import decorate_concept_viewset, order_model
from .base import ApiViewSet

ON_REFERENCE_CHOICES = ("refuse", "placeholder")


class ConceptViewSet(ApiViewSet):
    concept: Concept  # set by viewset_for()
    architecture: Architecture
    parent: Model | None  # the service, gateway or saga; None at the top level

    # --- what the request addresses ------------------------------------------------

    def initial(self, request, *args, **kwargs):
        """After authentication: the architecture (checked for the method's role) and the
        parent, so that a 404 or 403 comes before anything is said about the body."""
        super().initial(request, *args, **kwargs)
        self.architecture = architecture_for(request, kwargs["slug"])
        parent_name = kwargs.get(parent_kwarg(self.concept) or "")
        self.parent = parent_for(self.architecture, self.concept, parent_name)

    def get_queryset(self) -> QuerySet:
        model = self.concept.model
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request data
            return model.objects.none()
        scope = {"architecture": self.architecture}
        if self.concept.parent_column:
            scope[self.concept.parent_column] = self.parent
        return model.objects.filter(**scope)

    def addressed(self) -> QuerySet:
        """The queryset of the one object the URL names (the singleton, or by key)."""
        queryset = self.get_queryset()
        key = lookup_kwarg(self.concept)
        return queryset.filter(**key_lookup(self.concept, self.kwargs[key])) if key else queryset

    def instance(self, *, required: bool = True):
        found = self.addressed().first()
        if found is None and required:
            raise Http404
        return found

    def locked_instance(self, *, required: bool = True):
        """The addressed object, locked (after its architecture and parent) until the write
        commits, once If-Match is checked against its current ETag: of two writers holding
        the same ETag only the first gets through. Writes to other objects of the
        architecture wait their turn but are never refused."""
        lock_architecture(self.architecture.pk)
        if self.parent is not None:
            type(self.parent).objects.select_for_update().filter(pk=self.parent.pk).first()
        found = self.addressed().select_for_update().first()
        if found is None and required:
            raise Http404
        etag = None if found is None else etag_of(self.concept, self.addressed())
        check_if_match(self.request, etag, getattr(found, "version", None))
        return found

    def answer(self, data: dict[str, Any], saved: Model, status_code: int = status.HTTP_200_OK):
        headers = {"ETag": etag_of(self.concept, self.get_queryset().filter(pk=saved.pk))}
        if status_code == status.HTTP_201_CREATED:
            headers["Location"] = self.detail_url(data)
        return Response(data, status_code, headers=headers)

    def represent_rows(self, queryset: QuerySet) -> list[dict[str, Any]]:
        rows = queryset.values(*read_columns(self.concept))
        return represent(self.concept, rows, self.architecture.pk)

    def current(self, queryset: QuerySet | None = None) -> dict[str, Any]:
        items = self.represent_rows(self.addressed() if queryset is None else queryset)
        if not items:
            raise Http404
        return items[0]

    def detail_url(self, data: dict[str, Any]) -> str:
        kwargs = {key: value for key, value in self.kwargs.items() if key != "format"}
        if key := lookup_kwarg(self.concept):
            kwargs[key] = data["id"] if self.concept.by_id else data[self.concept.natural_key]
        name = f"api-{self.concept.key}-detail"
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))

    # --- writing ------------------------------------------------------------------------

    def read_only_keys(self) -> tuple[str, ...]:
        return ("id",) if self.concept.by_id else ()

    def save(self, data: dict[str, Any], instance=None) -> tuple[dict[str, Any], Model]:
        """Validate `data` as the document writes the concept, store it; its data and row."""
        spec_object = validate(document_class(self.concept), data)
        write = dict(actor=self.request.user, architecture=self.architecture, concept=self.concept)
        if has_children(self.concept):
            saved = services.save_with_children(**write, data=spec_object, instance=instance)
        else:
            saved = services.save_object(
                **write, data=spec_object, parent=self.parent, instance=instance
            )
        return self.current(self.get_queryset().filter(pk=saved.pk)), saved

    # --- actions ------------------------------------------------------------------------

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset()).order_by(*list_order(self.concept))
        page = self.paginate_queryset(queryset.values(*read_columns(self.concept)))
        return self.get_paginated_response(represent(self.concept, page, self.architecture.pk))

    def retrieve(self, request, *args, **kwargs):
        return Response(self.current(), headers={"ETag": etag_of(self.concept, self.addressed())})

    def create(self, request, *args, **kwargs):
        data, saved = self.save(body_object(request, self.read_only_keys()))
        return self.answer(data, saved, status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        instance = self.locked_instance(required=not self.concept.singleton)
        data, saved = self.save(body_object(request, self.read_only_keys()), instance)
        created = instance is None
        return self.answer(data, saved, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @transaction.atomic
    def partial_update(self, request, *args, **kwargs):
        instance = self.locked_instance()
        current = self.current()
        current.pop("id", None)
        current.pop("placeholder", None)  # set by the system; patching a placeholder defines it
        patch = body_object(request, self.read_only_keys())
        return self.answer(*self.save(merge_patch(current, patch), instance))

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        instance = self.locked_instance()
        if self.concept is SERVICES:
            return self.destroy_service(request, instance)
        services.delete_object(
            actor=request.user,
            architecture=self.architecture,
            concept=self.concept,
            instance=instance,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def destroy_service(self, request, service):
        on_reference = request.query_params.get("on_reference") or "refuse"
        if on_reference not in ON_REFERENCE_CHOICES:
            raise SpecValidationError.single(
                f"use one of {', '.join(ON_REFERENCE_CHOICES)}", ("on_reference",)
            )
        outcome = services.delete_service(
            actor=request.user, service=service, keep_as_placeholder=on_reference == "placeholder"
        )
        if outcome == "placeholder":
            return self.answer(self.current(self.get_queryset().filter(pk=service.pk)), service)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False, methods=["post"])
    def reorder(self, request, *args, **kwargs):
        """Put every route (by id) or step (by name) of the parent in the order given."""
        order = validate(order_model(self.concept), body_object(request)).order
        key = "pk" if self.concept.by_id else self.concept.column(self.concept.natural_key)
        ids = dict(self.get_queryset().values_list(key, "pk"))
        unknown = [(index, item) for index, item in enumerate(order) if item not in ids]
        if unknown:
            index, item = unknown[0]
            raise SpecValidationError.single(
                f"{self.concept.label} {item!r} is not in this {self.concept.scope}",
                ("order", index),
            )
        services.reorder(
            actor=request.user,
            architecture=self.architecture,
            concept=self.concept,
            parent=self.parent,
            order=[ids[item] for item in order],
        )
        return Response(self.represent_rows(self.get_queryset().order_by("position", "id")))


@cache
def viewset_for(concept: Concept) -> type[ConceptViewSet]:
    """The concept's viewset class: the shared one, parametrized and documented."""
    where = "an architecture" if concept.scope == Scope.ARCHITECTURE else f"a {concept.scope}"
    attributes: dict[str, Any] = {
        "concept": concept,
        "__module__": __name__,
        "__doc__": f"The {concept.plural_label} of {where}, as the spec document writes them.",
    }
    if concept is SERVICES:
        attributes.update(filter_backends=[DjangoFilterBackend], filterset_class=ServiceFilterSet)
    name = "".join(part.title() for part in concept.key.split("-")) + "ViewSet"
    viewset = type(name, (ConceptViewSet,), attributes)
    return decorate_concept_viewset(viewset, concept)
