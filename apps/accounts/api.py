"""The REST API of a user's own API tokens: list, create (the key is shown once), revoke,
and what happened to them (the token events of the audit log).

tokens/              GET, POST
tokens/{id}/         DELETE (revoke)
tokens/events/       GET, newest first
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.response import Response

from apps.workspaces.api import AuditEventSerializer
from apps.workspaces.models import AuditEvent
from apps.workspaces.selectors import token_events_of

from .models import ApiToken
from .services import (
    MAX_LIFETIME_DAYS,
    create_token,
    expiry_in_days,
    expiry_problem,
    revoke_token,
)


class TokenSerializer(serializers.ModelSerializer):
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_revoked(self, token: ApiToken) -> bool:
        return token.revoked_at is not None


class NewTokenSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=ApiToken._meta.get_field("name").max_length)
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When it stops working; never when absent."
    )
    expires_in_days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIFETIME_DAYS,
        help_text="Instead of expires_at: it stops working this many days from now.",
    )

    def validate_expires_at(self, value):
        problem = expiry_problem(value) if value is not None else None
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def validate(self, attrs):
        days = attrs.pop("expires_in_days", None)
        if days is not None:
            if attrs.get("expires_at") is not None:
                raise serializers.ValidationError(
                    {"expires_in_days": "give expires_at or expires_in_days, not both"}
                )
            attrs["expires_at"] = expiry_in_days(days)
        return attrs


class CreatedTokenSerializer(TokenSerializer):
    key = serializers.CharField(help_text="The secret itself: shown this once, never again.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(operation_id="tokens_list", summary="List your API tokens"),
    create=extend_schema(
        operation_id="tokens_create",
        summary="Create an API token",
        request=NewTokenSerializer,
        responses={201: CreatedTokenSerializer},
    ),
    destroy=extend_schema(operation_id="tokens_destroy", summary="Revoke an API token"),
)
class TokenViewSet(
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = TokenSerializer
    pagination_class = None  # a handful per user
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user)  # others' tokens are 404

    def create(self, request, *args, **kwargs):
        form = NewTokenSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        token, key = create_token(actor=request.user, **form.validated_data)
        token.key = key
        return Response(CreatedTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: ApiToken) -> None:
        revoke_token(actor=self.request.user, token=instance)


@extend_schema_view(
    get=extend_schema(
        operation_id="tokens_events",
        summary="What happened to your API tokens, newest first",
    )
)
class TokenEventListView(generics.ListAPIView):
    serializer_class = AuditEventSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditEvent.objects.none()
        return token_events_of(self.request.user)


urlpatterns = [
    path("tokens/", TokenViewSet.as_view({"get": "list", "post": "create"}), name="api-token-list"),
    path("tokens/events/", TokenEventListView.as_view(), name="api-token-events"),
    path("tokens/<int:pk>/", TokenViewSet.as_view({"delete": "destroy"}), name="api-token-detail"),
]
