"""The architectures API's URLs, generated from the concept registry.

architectures/                                   list, create
architectures/<slug>/                            get, put, patch, delete
architectures/<slug>/spec/                       get, put (the whole document)
architectures/<slug>/<key>/[<lookup>/]           top-level concepts (mesh: no lookup)
architectures/<slug>/services/<service>/<key>/…  what belongs to a service
architectures/<slug>/gateways/<gateway>/routes/… (+ routes/reorder/)
architectures/<slug>/sagas/<saga>/steps/…        (+ steps/reorder/)
"""

from django.urls import path, register_converter
from django.urls.converters import StringConverter

from ..concepts import CONCEPTS, Concept, Scope
from . import schema  # noqa: F401 -- registers the OpenAPI extensions
from .locate import lookup_kwarg, parent_kwarg
from .views.architectures import ArchitectureViewSet
from .views.objects import viewset_for
from .views.specs import ArchitectureSpecView


class SegmentConverter(StringConverter):
    """One path segment without control characters: a NUL never reaches a query."""

    regex = r"[^/\x00-\x1f\x7f]+"


register_converter(SegmentConverter, "api_segment")

ARCHITECTURE = "architectures/<api_segment:slug>/"
PARENT_COLLECTION = {Scope.SERVICE: "services", Scope.GATEWAY: "gateways", Scope.SAGA: "sagas"}

COLLECTION_ACTIONS = {"get": "list", "post": "create"}
OBJECT_ACTIONS = {
    "get": "retrieve",
    "put": "update",
    "patch": "partial_update",
    "delete": "destroy",
}


def concept_prefix(concept: Concept) -> str:
    if concept.scope == Scope.ARCHITECTURE:
        return f"{ARCHITECTURE}{concept.key}/"
    parent = f"{PARENT_COLLECTION[concept.scope]}/<api_segment:{parent_kwarg(concept)}>/"
    return f"{ARCHITECTURE}{parent}{concept.key}/"


def concept_urls(concept: Concept) -> list:
    viewset, prefix = viewset_for(concept), concept_prefix(concept)
    name = f"api-{concept.key}"
    if concept.singleton:
        return [path(prefix, viewset.as_view(OBJECT_ACTIONS), name=f"{name}-detail")]
    urls = [path(prefix, viewset.as_view(COLLECTION_ACTIONS), name=f"{name}-list")]
    if concept.ordered:  # before the object URL: "reorder" is not a lookup
        urls.append(
            path(f"{prefix}reorder/", viewset.as_view({"post": "reorder"}), name=f"{name}-reorder")
        )
    converter = "int" if concept.by_id else "api_segment"
    lookup = f"<{converter}:{lookup_kwarg(concept)}>/"
    urls.append(path(prefix + lookup, viewset.as_view(OBJECT_ACTIONS), name=f"{name}-detail"))
    return urls


urlpatterns = [
    path(
        "architectures/",
        ArchitectureViewSet.as_view(COLLECTION_ACTIONS),
        name="api-architecture-list",
    ),
    path(ARCHITECTURE, ArchitectureViewSet.as_view(OBJECT_ACTIONS), name="api-architecture-detail"),
    path(f"{ARCHITECTURE}spec/", ArchitectureSpecView.as_view(), name="api-architecture-spec"),
]
for _concept in CONCEPTS:
    urlpatterns += concept_urls(_concept)
