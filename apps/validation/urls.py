"""Validation pages: /w/<workspace>/<architecture>/findings/… and rules/, and /rules/."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "validation"

A = "w/<slug:workspace>/<slug:architecture>/"


def page(route: str, view, name: str):
    return path(route, login_required(view), name=name)


urlpatterns = [
    page("rules/", views.catalogue_page, name="catalogue"),
    page(A + "findings/", views.findings_page, name="findings"),
    page(A + "findings/status/", views.validation_status, name="status"),
    page(A + "findings/validate/", views.validate_now, name="validate"),
    page(A + "findings/suppress/", views.suppress_page, name="suppress"),
    page(A + "findings/suppressed/<int:pk>/delete/", views.unsuppress_page, name="unsuppress"),
    page(A + "rules/", views.rule_settings_page, name="rules"),
]
