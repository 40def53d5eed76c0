"""The view callables the object URLs point at, each concept handed to its view class.

Concepts use the generic classes of views/objects.py unless registered here with
a subclass that declares what differs.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import View

from ..concepts import SERVICES, Concept
from .objects import ObjectDeleteView, ObjectFormView
from .services import ServiceDeleteView

FORM_VIEWS: dict[str, type[ObjectFormView]] = {}
DELETE_VIEWS: dict[str, type[ObjectDeleteView]] = {SERVICES.key: ServiceDeleteView}


def _by_concept(overrides: dict[str, type[View]], default: type[View], **initkwargs):
    views = {key: cls.as_view(**initkwargs) for key, cls in overrides.items()}
    fallback = default.as_view(**initkwargs)

    def view(request: HttpRequest, *args, concept: Concept, **kwargs) -> HttpResponse:
        return views.get(concept.key, fallback)(request, *args, concept=concept, **kwargs)

    return view


create_view = _by_concept(FORM_VIEWS, ObjectFormView, existing=False)
edit_view = _by_concept(FORM_VIEWS, ObjectFormView)
delete_view = _by_concept(DELETE_VIEWS, ObjectDeleteView)
