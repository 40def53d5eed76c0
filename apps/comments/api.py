"""The comments API, under /api/architectures/<slug>/ (see apps/api_urls.py).

comments/                   GET threads (?object=, ?status=open|resolved|all), POST one
comments/<id>/              GET a thread or reply, PATCH its body, DELETE it
comments/<id>/replies/      POST a reply to the thread
comments/<id>/resolve/      POST: mark the thread resolved
comments/<id>/reopen/       POST: open it again

Anyone who can view the architecture may comment and reply; see permissions.py for
resolving and changing. Errors use the API's one format.
"""

from __future__ import annotations

from django.urls import path, reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from apps.architectures.api.locate import architecture_for
from apps.architectures.api.schema import READ_ERRORS, WORKSPACE_PARAMETER, WRITE_ERRORS, bodies
from apps.architectures.api.urls import ARCHITECTURE
from apps.validation.api_base import ArchitectureApiView
from apps.workspaces.access import Action, role_in
from microservices.spec import SpecValidationError

from . import schema, selectors, services
from .models import Comment
from .targets import Target, existing, parse_target

COMMON = {"tags": ["comments"], "parameters": [WORKSPACE_PARAMETER]}
LIST_PARAMETERS = [
    OpenApiParameter("object", str, description="architecture, or <concept>:<name>."),
    OpenApiParameter("status", str, enum=list(selectors.STATUSES), description="Default: all."),
]


def _architecture(request, slug: str):
    """Comments need the view role only, whatever the method; the role is kept for checks."""
    architecture = architecture_for(request, slug, Action.VIEW)
    architecture.role = role_in(request.user, architecture.workspace)
    return architecture


def _body(request) -> dict:
    if not isinstance(request.data, dict):
        raise SpecValidationError.single("the body must be an object")
    return request.data


def _text(body: dict, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise SpecValidationError.single(f"{name} must be text", (name,))
    return value


def reply_data(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "author": comment.author.get_username() if comment.author else None,
        "body": comment.body,
        "removed": comment.removed,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
    }


def thread_data(request, architecture, thread: Comment, present: set[Target]) -> dict:
    target = selectors.target_of(thread)
    url = reverse("api-comment-detail", kwargs={"slug": architecture.slug, "pk": thread.pk})
    return {
        **reply_data(thread),
        "url": request.build_absolute_uri(url),
        "object": str(target),
        "object_exists": target in present,
        "status": "resolved" if thread.resolved else "open",
        "resolved_at": thread.resolved_at,
        "resolved_by": thread.resolved_by.get_username() if thread.resolved_by else None,
        "replies": [reply_data(reply) for reply in thread.replies.all()],
    }


def _one_thread(request, architecture, comment: Comment) -> dict:
    thread = selectors.thread_of(architecture, comment)
    present = existing(architecture, [selectors.target_of(thread)])
    return thread_data(request, architecture, thread, present)


def _comment_data(request, architecture, comment: Comment) -> dict:
    """A thread answers as a thread, a reply as a reply."""
    if comment.is_thread:
        return _one_thread(request, architecture, comment)
    return reply_data(comment)


class CommentListView(ArchitectureApiView):
    @extend_schema(
        operation_id="comment_list",
        summary="List the architecture's comment threads",
        responses={200: schema.CommentList, **READ_ERRORS},
        tags=COMMON["tags"],
        parameters=[WORKSPACE_PARAMETER, *LIST_PARAMETERS],
    )
    def get(self, request, slug: str):
        architecture = _architecture(request, slug)
        params = request.query_params
        target = parse_target(params["object"]) if params.get("object") else None
        status_ = selectors.parse_status(params.get("status") or "all")
        threads = list(selectors.threads(architecture, target=target, status=status_))
        present = existing(architecture, (selectors.target_of(t) for t in threads))
        return Response([thread_data(request, architecture, thread, present) for thread in threads])

    @extend_schema(
        operation_id="comment_create",
        summary="Start a thread on the architecture or one of its objects",
        request=bodies(schema.CommentCreate),
        responses={201: schema.CommentResource, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str):
        architecture = _architecture(request, slug)
        body = _body(request)
        thread = services.start_thread(
            actor=request.user,
            architecture=architecture,
            target=parse_target(_text(body, "object")),
            body=body.get("body"),
        )
        data = _one_thread(request, architecture, thread)
        return Response(data, status=status.HTTP_201_CREATED)


class CommentDetailView(ArchitectureApiView):
    @extend_schema(
        operation_id="comment_retrieve",
        summary="Get a thread (with its replies) or a reply",
        responses={200: schema.CommentResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, pk: int):
        architecture = _architecture(request, slug)
        comment = selectors.comment_of(architecture, pk)
        return Response(_comment_data(request, architecture, comment))

    @extend_schema(
        operation_id="comment_partial_update",
        summary="Change the text of your comment",
        request=bodies(schema.CommentBody),
        responses={200: schema.CommentResource, **WRITE_ERRORS},
        **COMMON,
    )
    def patch(self, request, slug: str, pk: int):
        architecture = _architecture(request, slug)
        comment = selectors.comment_of(architecture, pk)
        services.edit_comment(actor=request.user, comment=comment, body=_body(request).get("body"))
        return Response(_comment_data(request, architecture, comment))

    @extend_schema(
        operation_id="comment_destroy",
        summary="Delete your comment (a first comment with replies keeps its place, emptied)",
        responses={204: None, **WRITE_ERRORS},
        **COMMON,
    )
    def delete(self, request, slug: str, pk: int):
        architecture = _architecture(request, slug)
        comment = selectors.comment_of(architecture, pk)
        services.delete_comment(actor=request.user, comment=comment)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReplyView(ArchitectureApiView):
    @extend_schema(
        operation_id="comment_reply",
        summary="Reply to a thread (replying to a reply joins its thread)",
        request=bodies(schema.CommentBody),
        responses={201: schema.ReplyResource, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str, pk: int):
        architecture = _architecture(request, slug)
        comment = selectors.comment_of(architecture, pk)
        created = services.reply(
            actor=request.user, comment=comment, body=_body(request).get("body")
        )
        return Response(reply_data(created), status=status.HTTP_201_CREATED)


def resolution_view(resolved: bool) -> type[ArchitectureApiView]:
    verb = "resolve" if resolved else "reopen"

    class ResolutionView(ArchitectureApiView):
        @extend_schema(
            operation_id=f"comment_{verb}",
            summary=f"{verb.capitalize()} a thread (its author, editors and owners)",
            request=None,
            responses={200: schema.CommentResource, **WRITE_ERRORS},
            **COMMON,
        )
        def post(self, request, slug: str, pk: int):
            architecture = _architecture(request, slug)
            thread = selectors.comment_of(architecture, pk)
            services.set_resolved(
                actor=request.user, role=architecture.role, thread=thread, resolved=resolved
            )
            return Response(_one_thread(request, architecture, thread))

    ResolutionView.__name__ = f"{verb.capitalize()}View"
    return ResolutionView


C = f"{ARCHITECTURE}comments/"
urlpatterns = [
    path(C, CommentListView.as_view(), name="api-comment-list"),
    path(f"{C}<int:pk>/", CommentDetailView.as_view(), name="api-comment-detail"),
    path(f"{C}<int:pk>/replies/", ReplyView.as_view(), name="api-comment-replies"),
    path(f"{C}<int:pk>/resolve/", resolution_view(True).as_view(), name="api-comment-resolve"),
    path(f"{C}<int:pk>/reopen/", resolution_view(False).as_view(), name="api-comment-reopen"),
]
