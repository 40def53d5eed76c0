"""OpenAPI descriptions of the diagrams API's JSON bodies and query options."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from pydantic import BaseModel, Field

from apps.jobs.schema import JobStatus


class ViewResource(BaseModel):
    name: str = Field(description="Used in URLs: dependencies, context, events, sagas, ...")
    title: str
    description: str
    options: list[str] = Field(description="The query options this view reads.")
    formats: dict[str, str] = Field(description="Format -> the URL of the diagram in it.")


class JobAccepted(BaseModel):
    job: int
    url: str = Field(description="The job's status; follow it until `status` is finished.")


class RenderJobResource(JobStatus):
    view: str
    format: str
    download: str | None = Field(description="The diagram, once drawn (answered from the cache).")
    notes: list[str] = Field(description="What people should know about the drawing.")


class ReviewPackResource(JobStatus):
    revision: int | None = Field(description="The revision the pack shows, once made.")
    pages: int | None
    pdf: str | None = Field(description="The PDF, once made.")


def _query(name: str, kind, description: str, **extra) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **extra)


DIAGRAM_OPTIONS = [
    _query("domain", str, "Only this bounded context (dependencies, events)."),
    _query("service", str, "The service the focus view centres on (required there)."),
    _query("hops", int, "How many hops out the focus view reaches (1 to DIAGRAM_MAX_HOPS)."),
    _query("saga", str, "Only this saga (sagas view)."),
    _query("collapse", str, "1: domains collapsed, 0: every service; automatic by size if absent."),
    _query("expand", str, "Comma-separated domains to show expanded while collapsed."),
    _query("findings", str, "0 hides the latest validation's findings (shown by default)."),
]
DOWNLOAD = _query("download", str, "1: served as an attachment rather than inline.")
