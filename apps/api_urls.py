"""Every REST API route, under /api/, with its OpenAPI schema and documentation."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.accounts.api import TokenViewSet
from apps.workspaces.api import WorkspaceListView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path(
        "tokens/",
        TokenViewSet.as_view({"get": "list", "post": "create"}),
        name="api-token-list",
    ),
    path("tokens/<int:pk>/", TokenViewSet.as_view({"delete": "destroy"}), name="api-token-detail"),
    path("workspaces/", WorkspaceListView.as_view(), name="api-workspace-list"),
    path("", include("apps.validation.api")),
    path("", include("apps.exports.api")),
    path("", include("apps.architectures.api.urls")),
]
