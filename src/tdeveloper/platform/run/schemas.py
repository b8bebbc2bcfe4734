"""Request and response bodies of the run feature."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tdeveloper.platform.project.schemas import MAX_DESCRIPTION, Text, UtcDatetime

__all__ = [
    "ArtifactLink",
    "ArtifactOut",
    "RunCreate",
    "RunEventOut",
    "RunOptions",
    "RunOut",
    "RunPage",
    "StageOut",
]

RunStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]


class RunOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    frontend: Literal["react", "vue", "svelte"] | None = None
    name: Text | None = Field(default=None, min_length=1, max_length=100)


class RunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Text = Field(min_length=1, max_length=MAX_DESCRIPTION)
    options: RunOptions = Field(default_factory=RunOptions)

    @field_validator("description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the description is blank")
        return value


class StageOut(BaseModel):
    name: str
    status: Literal["succeeded", "failed", "skipped"]
    seconds: float | None = None


class ArtifactOut(BaseModel):
    name: str
    size: int
    url: str  # the download path; needs credentials, or ask for a signed link


class RunOut(BaseModel):
    id: uuid.UUID
    project_id: uuid.UUID
    status: RunStatus
    description: str
    options: dict[str, Any]
    stages: list[StageOut]
    error: str | None
    artifact: ArtifactOut | None
    # Asked to stop: a running run ends "cancelled" at its next stage boundary.
    cancel_requested: bool = False
    created_at: UtcDatetime
    started_at: UtcDatetime | None
    finished_at: UtcDatetime | None


class RunPage(BaseModel):
    items: list[RunOut]
    total: int
    limit: int
    offset: int


class ArtifactLink(BaseModel):
    url: str
    expires_at: datetime


class RunEventOut(BaseModel):
    """The `data` of one server-sent event (its `id` and `event` fields are the event's id
    and kind)."""

    kind: str
    stage: str | None
    payload: dict[str, Any]
    created_at: UtcDatetime
