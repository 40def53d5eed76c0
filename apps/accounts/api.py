"""The REST API of a user's own API tokens: list, create (the key is shown once), revoke."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from .models import ApiToken
from .services import create_token, revoke_token


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
    expires_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate_expires_at(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("must be in the future")
        return value


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
