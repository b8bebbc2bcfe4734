"""Request and response bodies of the project feature."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

__all__ = [
    "MAX_DESCRIPTION",
    "ProjectCreate",
    "ProjectOut",
    "ProjectPage",
    "ProjectUpdate",
    "Text",
    "UtcDatetime",
]

MAX_DESCRIPTION = 20_000


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL: refuse it here (422), not in the database (500).
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]
Text = Annotated[str, AfterValidator(_no_nul)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_nul),
]
Description = Annotated[str, Field(max_length=MAX_DESCRIPTION), AfterValidator(_no_nul)]


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    description: Description = ""


class ProjectUpdate(BaseModel):
    """Only the name and the description change (anything else: 422)."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    description: Description | None = None

    @field_validator("name", "description")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        # Runs only for a value that was sent: leaving a field out keeps it, null is refused.
        if value is None:
            raise ValueError("may be left out but not null")
        return value


class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    description: str
    created_at: UtcDatetime
    updated_at: UtcDatetime


class ProjectPage(BaseModel):
    items: list[ProjectOut]
    total: int
    limit: int
    offset: int
