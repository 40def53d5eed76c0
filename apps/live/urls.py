"""HTTP URLs of live updates (the WebSocket's are in routing.py)."""

from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path(
        "architectures/<int:architecture_id>/revision/",
        views.architecture_revision,
        name="revision",
    ),
]
