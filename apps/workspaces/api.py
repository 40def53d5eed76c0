"""The REST API of workspaces: yours with your role, their members, their audit log.

workspaces/                               GET your workspaces
workspaces/{slug}/members/                GET (members), POST (owners: invite)
workspaces/{slug}/members/{username}/     GET; PATCH role (owners); DELETE (owners, or yourself: leave)
workspaces/{slug}/audit/                  GET (owners), newest first

Rules are the pages' (apps/workspaces/services.py); errors use the API's one format.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from apps.architectures.api.errors import ApiError
from apps.architectures.api.schema import READ_ERRORS, WRITE_ERRORS, error

from .access import Action, get_workspace_for
from .models import AuditEvent, Membership, Role, Workspace
from .selectors import audit_events_of, member_named, members_of
from .services import (
    AlreadyMember,
    LastOwner,
    MembershipRefused,
    NotAMember,
    UnknownUser,
    add_member,
    change_role,
    remove_member,
)

REFUSAL_STATUS = {UnknownUser: 400, AlreadyMember: 409, NotAMember: 404, LastOwner: 409}
CONFLICT_ERRORS = {409: error("Already a member, or the change would leave no owner.")}
MANAGE_ERRORS = {403: error("Only owners manage members."), **READ_ERRORS}


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


class MemberSerializer(serializers.Serializer):
    username = serializers.CharField(source="user.username")
    full_name = serializers.CharField(source="user.get_full_name")
    role = serializers.ChoiceField(choices=Role.choices)
    joined_at = serializers.DateTimeField(source="created_at")


class NewMemberSerializer(serializers.Serializer):
    user = serializers.CharField(
        max_length=254, help_text="The username or email address of an existing user."
    )
    role = serializers.ChoiceField(choices=Role.choices, default=Role.VIEWER)


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name", help_text="Empty for the system.")
    subject = serializers.CharField(
        source="subject_name", help_text="The user the change is about."
    )
    summary = serializers.CharField(help_text="One sentence for a person.")

    class Meta:
        model = AuditEvent
        fields = ["id", "created_at", "action", "actor", "subject", "summary", "details"]
        read_only_fields = fields


def refusal_error(refusal: MembershipRefused) -> ApiError:
    status_code = REFUSAL_STATUS.get(type(refusal), 409)
    errors = [{"field": refusal.field, "message": str(refusal)}] if refusal.field else []
    return ApiError(status_code, refusal.code, str(refusal), errors)


class WorkspaceScoped:
    """Views under /api/workspaces/{slug}/: the workspace, checked for an action."""

    def workspace(self, action: Action) -> Workspace:
        return get_workspace_for(self.request.user, self.kwargs["slug"], action)

    def schema_only(self) -> bool:
        return getattr(self, "swagger_fake_view", False)


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


@extend_schema_view(
    get=extend_schema(
        operation_id="workspace_members_list",
        summary="List the workspace's members and their roles",
        responses={200: MemberSerializer(many=True), **READ_ERRORS},
    ),
    post=extend_schema(
        operation_id="workspace_members_create",
        summary="Invite an existing user, by username or email, with a role (owners)",
        request=NewMemberSerializer,
        responses={
            201: MemberSerializer,
            400: WRITE_ERRORS[400],
            **MANAGE_ERRORS,
            **CONFLICT_ERRORS,
        },
    ),
)
class MemberListView(WorkspaceScoped, generics.ListCreateAPIView):
    serializer_class = MemberSerializer
    filter_backends = []

    def get_queryset(self):
        if self.schema_only():
            return Membership.objects.none()
        return members_of(self.workspace(Action.VIEW))

    def create(self, request, *args, **kwargs):
        workspace = self.workspace(Action.MANAGE)
        body = NewMemberSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            membership = add_member(
                actor=request.user,
                workspace=workspace,
                identifier=body.validated_data["user"],
                role=body.validated_data["role"],
            )
        except MembershipRefused as refusal:
            raise refusal_error(refusal) from None
        return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="workspace_members_retrieve",
        summary="Get one member and their role",
        responses={200: MemberSerializer, **READ_ERRORS},
    ),
    patch=extend_schema(
        operation_id="workspace_members_partial_update",
        summary="Change a member's role (owners); the last owner keeps theirs",
        request=RoleSerializer,
        responses={
            200: MemberSerializer,
            400: WRITE_ERRORS[400],
            **MANAGE_ERRORS,
            **CONFLICT_ERRORS,
        },
    ),
    delete=extend_schema(
        operation_id="workspace_members_destroy",
        summary="Remove a member (owners), or leave (yourself); never the last owner",
        responses={204: None, **MANAGE_ERRORS, **CONFLICT_ERRORS},
    ),
)
class MemberDetailView(WorkspaceScoped, generics.GenericAPIView):
    serializer_class = MemberSerializer
    filter_backends = []

    def member(self, workspace: Workspace) -> Membership:
        membership = member_named(workspace, self.kwargs["username"])
        if membership is None:
            raise Http404
        return membership

    def get(self, request, slug: str, username: str):
        workspace = self.workspace(Action.VIEW)
        return Response(MemberSerializer(self.member(workspace)).data)

    def patch(self, request, slug: str, username: str):
        workspace = self.workspace(Action.MANAGE)
        membership = self.member(workspace)
        body = RoleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            membership = change_role(
                actor=request.user,
                workspace=workspace,
                user=membership.user,
                role=body.validated_data["role"],
            )
        except MembershipRefused as refusal:
            raise refusal_error(refusal) from None
        return Response(MemberSerializer(membership).data)

    def delete(self, request, slug: str, username: str):
        leaving = username == request.user.get_username()
        workspace = self.workspace(Action.VIEW if leaving else Action.MANAGE)
        membership = self.member(workspace)
        try:
            remove_member(actor=request.user, workspace=workspace, user=membership.user)
        except MembershipRefused as refusal:
            raise refusal_error(refusal) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(
        operation_id="workspace_audit_list",
        summary="The workspace's audit log, newest first (owners)",
        description="Membership and role changes: who acted, what happened, to whom, when.",
        responses={200: AuditEventSerializer(many=True), **MANAGE_ERRORS},
    )
)
class AuditListView(WorkspaceScoped, generics.ListAPIView):
    serializer_class = AuditEventSerializer
    filter_backends = []

    def get_queryset(self):
        if self.schema_only():
            return AuditEvent.objects.none()
        return audit_events_of(self.workspace(Action.MANAGE))


WORKSPACE = "workspaces/<slug:slug>/"

urlpatterns = [
    path("workspaces/", WorkspaceListView.as_view(), name="api-workspace-list"),
    path(WORKSPACE + "members/", MemberListView.as_view(), name="api-workspace-member-list"),
    path(
        WORKSPACE + "members/<str:username>/",
        MemberDetailView.as_view(),
        name="api-workspace-member-detail",
    ),
    path(WORKSPACE + "audit/", AuditListView.as_view(), name="api-workspace-audit"),
]
