"""OpenAPI: the bodies of the comments API, as pydantic classes (documented by
drf-spectacular's pydantic extension, as the other APIs are)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, RootModel

from .models import BODY_MAX_LENGTH

BODY = Field(
    min_length=1, max_length=BODY_MAX_LENGTH, description="Plain text; never rendered as HTML."
)


class CommentCreate(BaseModel):
    object: str = Field(
        default="architecture",
        description="What the thread is about: architecture, or services:<name>, "
        "gateways:<name> or sagas:<name>.",
    )
    body: str = BODY


class CommentBody(BaseModel):
    body: str = BODY


class ReplyResource(BaseModel):
    id: int
    author: str | None = Field(description="Username; null once the user is deleted.")
    body: str = Field(description="Empty when its author deleted it but replies remain.")
    removed: bool
    created_at: datetime
    edited_at: datetime | None


class CommentResource(ReplyResource):
    url: str
    object: str = Field(description="architecture, or <concept>:<name>.")
    object_exists: bool = Field(description="False once the object was deleted (or renamed).")
    status: str = Field(description="open or resolved.")
    resolved_at: datetime | None
    resolved_by: str | None
    replies: list[ReplyResource] = Field(description="Oldest first.")


class CommentList(RootModel[list[CommentResource]]):
    """The threads, oldest first."""
