"""OpenAPI: what every API resource backed by a job reports about it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class JobStatus(BaseModel):
    id: int
    status: str = Field(description="queued, running, succeeded or failed.")
    progress: int = Field(description="Percent.")
    message: str
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
