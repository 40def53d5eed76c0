"""Export pages: /w/<workspace>/<architecture>/exports/…"""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "exports"

E = "w/<slug:workspace>/<slug:architecture>/exports/"
ONE = E + "<int:pk>/"


def page(route: str, view, name: str):
    return path(route, login_required(view), name=name)


urlpatterns = [
    page(E, views.exports_page, name="list"),
    page(E + "recent/", views.recent_exports, name="recent"),
    page(ONE, views.export_page, name="detail"),
    page(ONE + "status/", views.export_status, name="status"),
    page(ONE + "tree/", views.export_folder, name="folder"),
    page(ONE + "preview/<path:file>", views.export_preview, name="preview"),
]
