"""URL configuration: pages, the REST API, its schema and docs, and admin."""

from django.contrib import admin
from django.urls import include, path

from apps.architectures.published import architecture_schema

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("apps.api_urls")),
    path("live/", include("apps.live.urls")),
    path("schemas/architecture-v1.json", architecture_schema, name="architecture-schema"),
    path("", include("apps.page_urls")),
]

handler400 = "designer.errors.bad_request"
handler403 = "designer.errors.permission_denied"
handler404 = "designer.errors.not_found"
handler500 = "designer.errors.server_error"
