"""Every REST API route, under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("apps.architectures.api.urls")),
]
