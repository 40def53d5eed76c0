"""Every REST API route, under /api/, with its OpenAPI schema and documentation."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("apps.accounts.api")),
    path("", include("apps.workspaces.api")),
    path("", include("apps.validation.api")),
    path("", include("apps.diagrams.api")),
    path("", include("apps.exports.api")),
    path("", include("apps.comments.api")),
    path("", include("apps.history.api")),
    path("", include("apps.architectures.api.urls")),
]
