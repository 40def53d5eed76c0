"""URL configuration: pages, the REST API, its schema and docs, and admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("apps.api_urls")),
    path("", include("apps.page_urls")),
]
