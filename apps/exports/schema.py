"""OpenAPI: the bodies of the export API, as pydantic classes (documented by
drf-spectacular's pydantic extension, as the other APIs are)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, RootModel

from microservices.export import ExportOptions


class ExportTarget(BaseModel):
    name: str = Field(description="What `targets` names it by.")
    title: str
    description: str
    options: list[str] = Field(description="The options this target reads.")


class ExportTargetCatalogue(BaseModel):
    targets: list[ExportTarget]
    options_schema: dict[str, Any] = Field(description="The options, as a JSON Schema.")
    option_defaults: dict[str, Any] = Field(description="Each option's value when not given.")


class ExportRequest(BaseModel):
    targets: list[str] | None = Field(
        default=None, description="Target names (GET /api/export-targets/); all when absent."
    )
    options: ExportOptions | None = Field(
        default=None, description="Option values; the others keep their defaults."
    )


class ExportAccepted(BaseModel):
    id: int = Field(description="The export's id.")
    url: str = Field(description="Where to follow it: GET it until `status` is finished.")
    job: int = Field(description="The job running it.")
    status: str = Field(description="queued, running, succeeded or failed.")
    progress: int = Field(description="The job's percent.")
    message: str


class ExportFile(BaseModel):
    path: str
    size: int = Field(description="Bytes once extracted.")


class ExportProblem(BaseModel):
    code: str = Field(description="Kiali's code of the check, e.g. KIA0202.")
    severity: str = Field(description="error or warning.")
    message: str
    path: str = Field(description="The file.")
    kind: str
    name: str


class ExportResource(BaseModel):
    id: int
    url: str
    job: int
    status: str = Field(description="queued, running, succeeded or failed.")
    progress: int = Field(description="The job's percent.")
    message: str
    error: str = Field(description="Why it failed, in one line.")
    revision: int = Field(description="The revision asked for, then the one exported.")
    targets: list[str]
    options: dict[str, Any]
    files_done: int
    files_total: int = Field(description="0 until the files are planned.")
    size: int | None = Field(description="The zip's bytes, once finished.")
    problem_counts: dict[str, int] = Field(description="Problems by severity, once finished.")
    created_by: str | None
    created_at: datetime
    finished_at: datetime | None = Field(description="When the archive was stored.")
    archive: str | None = Field(description="The zip, once finished.")
    files_url: str | None = Field(
        description="Prefix of each file's URL (append its path), once finished."
    )
    problems: list[ExportProblem] | None = Field(
        default=None, description="The static checks' problems (not in lists)."
    )
    files: list[ExportFile] | None = Field(
        default=None, description="Every file of the archive, by path (not in lists)."
    )


class ExportList(RootModel[list[ExportResource]]):
    """Recent exports, newest first."""
