"""The REST API of workspaces: which ones the user belongs to, and with which role."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers

from .models import Membership


class WorkspaceSerializer(serializers.Serializer):
    slug = serializers.CharField(source="workspace.slug")
    name = serializers.CharField(source="workspace.name")
    role = serializers.CharField(help_text="Yours: owner, editor or viewer.")
    created_at = serializers.DateTimeField(source="workspace.created_at")
    architectures = serializers.SerializerMethodField(help_text="Its architectures (a URL).")

    @extend_schema_field(serializers.URLField())
    def get_architectures(self, membership: Membership) -> str:
        url = (
            reverse("api-architecture-list")
            + "?"
            + urlencode({"workspace": membership.workspace.slug})
        )
        return self.context["request"].build_absolute_uri(url)


@extend_schema_view(
    get=extend_schema(
        operation_id="workspaces_list", summary="List your workspaces and your role in each"
    )
)
class WorkspaceListView(generics.ListAPIView):
    serializer_class = WorkspaceSerializer
    pagination_class = None  # a user belongs to a few workspaces
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return (
            Membership.objects.filter(user=self.request.user)
            .select_related("workspace")
            .order_by("workspace__name")
        )
