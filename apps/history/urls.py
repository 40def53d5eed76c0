"""History pages: /w/<workspace>/<architecture>/history/…"""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "history"

H = "w/<slug:workspace>/<slug:architecture>/history/"


def page(route: str, view, name: str):
    return path(route, login_required(view), name=name)


urlpatterns = [
    page(H, views.history_page, name="list"),
    page(H + "diff/", views.diff_page, name="diff"),
    page(H + "diff.svg", views.diff_drawing, name="diff-svg"),
    page(H + "<int:number>/", views.revision_page, name="revision"),
    page(H + "<int:number>/restore/", views.restore_page, name="restore"),
    page(H + "objects/<slug:section>/", views.object_history_page, name="object-single"),
    page(H + "objects/<slug:section>/<str:key>/", views.object_history_page, name="object"),
]
