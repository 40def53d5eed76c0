"""Architecture pages, under /w/<workspace>/ (see apps/page_urls.py).

Objects are addressed as the spec nests them: /<architecture>/<concept>/<key>/ for
objects of the architecture, /<architecture>/<parent>/<key>/<concept>/<key>/ for a
service's, gateway's or saga's. Creating is /new/<concept>/ at either level, so no
name a user gives can hide a page.
"""

from django.contrib.auth.decorators import login_required
from django.urls import path, register_converter

from .views import (
    architecture_page,
    architectures,
    dispatch,
    downloads,
    ordered_parents,
    ordering,
    services,
)
from .views.routing import CONVERTERS

for _name, _converter in CONVERTERS.items():
    register_converter(_converter, _name)

app_name = "architectures"

A = "<slug:architecture>/"
TOP_KEYED = A + "<top_keyed:concept>/<segment:key>/"
TOP_SINGLE = A + "<top_single:concept>/"
CHILD = A + "<parent:parent>/<segment:parent_key>/"
CHILD_KEYED = CHILD + "<child_keyed:concept>/<segment:key>/"
CHILD_SINGLE = CHILD + "<child_single:concept>/"


def page(route: str, view, name: str):
    """Every page needs a signed-in user; anonymous visitors are sent to log in."""
    return path(route, login_required(view), name=name)


urlpatterns = [
    page("new/architecture/", architectures.create_architecture_page, name="new"),
    page(A, architecture_page.architecture_page, name="detail"),
    page(A + "edit/", architectures.edit_architecture_page, name="edit"),
    page(A + "delete/", architectures.delete_architecture_page, name="delete"),
    page(A + "spec.<segment:fmt>", downloads.download_spec, name="download"),
    page(A + "services/<segment:key>/", services.service_page, name="service"),
    page(A + "gateways/<segment:key>/", ordered_parents.gateway_page, name="gateway"),
    page(A + "sagas/<segment:key>/", ordered_parents.saga_page, name="saga"),
    # objects of the architecture
    page(A + "new/<top:concept>/", dispatch.create_view, name="object-new"),
    page(TOP_SINGLE + "edit/", dispatch.edit_view, name="object-single-edit"),
    page(TOP_SINGLE + "delete/", dispatch.delete_view, name="object-single-delete"),
    page(TOP_KEYED + "edit/", dispatch.edit_view, name="object-edit"),
    page(TOP_KEYED + "delete/", dispatch.delete_view, name="object-delete"),
    # objects of a service, gateway or saga
    page(CHILD + "new/<child:concept>/", dispatch.create_view, name="child-new"),
    page(CHILD_SINGLE + "edit/", dispatch.edit_view, name="child-single-edit"),
    page(CHILD_SINGLE + "delete/", dispatch.delete_view, name="child-single-delete"),
    page(CHILD_KEYED + "edit/", dispatch.edit_view, name="child-edit"),
    page(CHILD_KEYED + "delete/", dispatch.delete_view, name="child-delete"),
    page(CHILD_KEYED + "move/", ordering.move_view, name="child-move"),
]
