"""Comment pages: /w/<workspace>/<architecture>/comments/…"""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "comments"

C = "w/<slug:workspace>/<slug:architecture>/comments/"


def page(route: str, view, name: str):
    return path(route, login_required(view), name=name)


urlpatterns = [
    page(C, views.comments_page, name="list"),
    page(C + "panel/", views.panel, name="panel"),
    page(C + "new/", views.start_thread, name="new"),
    page(C + "<int:pk>/reply/", views.reply, name="reply"),
    page(C + "<int:pk>/edit/", views.edit, name="edit"),
    page(C + "<int:pk>/delete/", views.delete, name="delete"),
    page(C + "<int:pk>/resolve/", views.resolve, name="resolve"),
    page(C + "<int:pk>/reopen/", views.reopen, name="reopen"),
]
