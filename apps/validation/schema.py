"""OpenAPI: the bodies of the validation API, as pydantic classes (documented by
drf-spectacular's pydantic extension, as the architectures API does)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from apps.jobs.schema import JobStatus


class ValidationAccepted(BaseModel):
    job: int = Field(description="The validation job's id (also the validation's id).")
    url: str = Field(description="Where to follow it: GET it until `status` is finished.")


class FindingResource(BaseModel):
    rule: str = Field(description="The rule's ID, e.g. MS101.")
    severity: str = Field(description="error, warning or info.")
    title: str
    message: str
    subjects: list[str] = Field(description="kind:key of each object; the first is the primary.")
    data: dict[str, Any]
    fingerprint: str = Field(description="Rule and subjects: what suppressions match.")
    suppressed: bool
    suppression: dict[str, Any] | None = Field(default=None, description="Who, when and why.")


class ValidationResource(JobStatus):
    url: str
    revision: int | None = Field(description="The revision validated (once finished).")
    stale: bool | None = Field(description="True when the architecture changed since.")
    seconds: float | None = Field(description="Time spent in the rules.")
    counts: dict[str, int] | None = Field(
        description="Findings by severity, suppressed ones counted apart."
    )
    sarif: str | None = Field(description="The findings as SARIF 2.1.0.")
    findings: list[FindingResource] | None = Field(
        default=None, description="Worst first (not in lists)."
    )


class SuppressionCreate(BaseModel):
    fingerprint: str = Field(description="The finding's fingerprint.")
    reason: str = Field(description="Why the finding is acceptable (required).")


class SuppressionResource(SuppressionCreate):
    id: int
    rule_id: str
    user: str | None
    created_at: datetime


class RuleSettingUpdate(BaseModel):
    disabled: bool = False
    thresholds: dict[str, float] = Field(
        default_factory=dict, description="Overrides of the rule's declared thresholds."
    )
    reason: str = Field(default="", description="Required when the rule is disabled.")


class RuleSettingResource(RuleSettingUpdate):
    rule_id: str
    user: str | None
    updated_at: datetime
