"""URL configuration: pages, the REST API, its schema and docs, and admin."""

from django.contrib import admin
from django.urls import include, path

from apps.architectures.published import architecture_schema

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("apps.api_urls")),
    path("schemas/architecture-v1.json", architecture_schema, name="architecture-schema"),
    path("", include("apps.page_urls")),
]
