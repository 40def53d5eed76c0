"""Every page route."""

from django.urls import include, path

urlpatterns = [
    path("", include("apps.architectures.urls")),
]
